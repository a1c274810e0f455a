namespace AgentProvision.Core.Orchestration;

/// <summary>How a team works: <c>{"mode":"parallel","maxParallel":3}</c>.</summary>
public sealed record TeamStrategy(StrategyMode Mode, int MaxParallel)
{
    public static TeamStrategy Default { get; } = new(StrategyMode.Hierarchical, 3);

    public static TeamStrategy Parse(string? json)
    {
        var errors = new List<string>();
        using var document = PlaybookJson.Object(json, "strategy", errors);
        if (document is null)
        {
            return errors.Count > 0 ? throw new PlaybookException(errors) : Default;
        }

        var root = document.RootElement;
        PlaybookJson.Unknown(root, ["mode", "maxParallel"], "$", errors);
        var mode = PlaybookJson.Enum<StrategyMode>(root, "mode", "$", errors) ?? StrategyMode.Hierarchical;
        var maxParallel = PlaybookJson.Int(root, "maxParallel", "$", 1, 20, errors) ?? 3;
        return errors.Count > 0 ? throw new PlaybookException(errors) : new TeamStrategy(mode, maxParallel);
    }
}
