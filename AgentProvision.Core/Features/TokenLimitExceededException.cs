namespace AgentProvision.Core.Features;

/// <summary>A model call refused because the tenant's plan has no tokens left this month.</summary>
public sealed class TokenLimitExceededException(long limit, long used)
    : InvalidOperationException(
        $"Refused: your plan allows {limit:N0} tokens a month and {used:N0} have been used this month. " +
        "A platform admin can raise the limit in Features (/settings/features); otherwise it resets on the 1st (UTC).")
{
    public long Limit { get; } = limit;

    public long Used { get; } = used;
}
