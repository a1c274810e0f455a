namespace AgentProvision.Bench.Memory;

/// <summary>
/// Generated memory-like sentences and questions about them: distinct texts for the embedding model to place, so the
/// bench's vectors sit where real memories of an agent would, not spread uniformly over the sphere.
/// </summary>
internal static class MemorySentences
{
    private static readonly string[] Customers = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Soylent", "Tyrell", "Cyberdyne"];

    private static readonly string[] Subjects =
    [
        "the renewal contract", "the invoice dispute", "the onboarding plan", "the data migration", "the security review",
        "the pricing proposal", "the quarterly roadmap", "the support backlog", "the outage report", "the hiring plan",
        "the marketing launch", "the API rate limits", "the compliance audit", "the vendor shortlist", "the budget forecast",
        "the churn analysis", "the integration tests", "the customer survey", "the legal review", "the travel policy",
    ];

    private static readonly string[] Facts =
    [
        "is blocked until legal signs off", "slipped by two weeks", "needs a decision from the CFO", "was approved on Monday",
        "depends on the new SSO setup", "is owned by the platform team", "came in 12% over budget", "was escalated to the VP",
        "must be finished before the end of the quarter", "was split into three smaller pieces",
    ];

    private static readonly string[] Questions =
    [
        "What is the status of {0} with {1}?", "Who owns {0} for {1}?", "Why is {0} for {1} late?",
        "What did we decide about {0} with {1}?", "Is {0} for {1} on budget?",
    ];

    /// <summary>Up to 2,000 distinct statements ("For Acme, the renewal contract slipped by two weeks.").</summary>
    public static IReadOnlyList<string> Statements(int count) =>
        [.. (from customer in Customers from subject in Subjects from fact in Facts select $"For {customer}, {subject} {fact}.").Take(count)];

    /// <summary>Questions an agent would recall with, in a fixed shuffled order.</summary>
    public static IReadOnlyList<string> Queries(int count)
    {
        var all = (from question in Questions from subject in Subjects from customer in Customers
                   select string.Format(System.Globalization.CultureInfo.InvariantCulture, question, subject, customer)).ToList();
        var random = new Random(5);
        return [.. all.OrderBy(_ => random.Next()).Take(count)];
    }
}
