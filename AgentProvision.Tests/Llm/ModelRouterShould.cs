using AgentProvision.Core.Llm;

namespace AgentProvision.Tests.Llm;

public class ModelRouterShould
{
    private static readonly LlmProvider OpenAi = new("openai", "OpenAI", "https://api.openai.com/v1", ApiStyles.OpenAiCompatible, LlmAuthType.ApiKey, [], "us");
    private static readonly LlmProvider Google = new("google-gemini", "Google", "https://x", ApiStyles.Gemini, LlmAuthType.ApiKey, [], "us");

    // Prices are USD per 1M tokens (input, output), roughly the catalog's.
    private static readonly LlmModel Gpt4o = Model(OpenAi, "gpt-4o", 2.5m, 10m, QualityTier.Best, SpeedTier.Standard, 128_000, "chat", "tools", "vision");
    private static readonly LlmModel Gpt4oMini = Model(OpenAi, "gpt-4o-mini", 0.15m, 0.6m, QualityTier.Good, SpeedTier.Fast, 128_000, "chat", "tools", "vision");
    private static readonly LlmModel Nano = Model(OpenAi, "gpt-4.1-nano", 0.1m, 0.4m, QualityTier.Basic, SpeedTier.Fast, 1_000_000, "chat", "tools");
    private static readonly LlmModel O1 = Model(OpenAi, "o1", 15m, 60m, QualityTier.Best, SpeedTier.Slow, 200_000, "chat", "reasoning");
    private static readonly LlmModel Flash = Model(Google, "gemini-2.5-flash", 0.3m, 2.5m, QualityTier.Good, SpeedTier.Fast, 1_048_576, "chat", "tools", "vision");
    private static readonly LlmModel[] Catalog = [Gpt4o, Gpt4oMini, Nano, O1, Flash];

    private const string Short = "Summarise this paragraph in one sentence.";
    private const string Hard = "Analyse the trade-offs of three designs, compare them step by step and plan a migration strategy. Prove the plan is safe.";

    public static TheoryData<string, string, string?, string[], int, string, double, string> Decisions => new()
    {
        // rules json, primary, task type, capabilities, input tokens, prompt, budget fraction, expected model
        { RoutingRuleSet.EmptyJson, "gpt-4o", null, [], 100, Short, 0, "gpt-4o" },
        { RoutingRuleSet.EmptyJson, "gpt-4o", null, [], 100, Hard, 0, "gpt-4o" },
        { """{"preference":"cost"}""", "gpt-4o", null, [], 100, Short, 0, "gpt-4.1-nano" },
        { """{"preference":"cost"}""", "gpt-4o", null, ["vision"], 100, Short, 0, "gpt-4o-mini" },
        { """{"preference":"cost"}""", "gpt-4o", null, [], 100, Hard, 0, "gpt-4o" },
        { """{"preference":"quality"}""", "gpt-4o-mini", null, [], 100, Short, 0, "gpt-4o" },
        { """{"preference":"speed"}""", "gpt-4o", null, [], 100, Short, 0, "gpt-4.1-nano" },
        { """{"rules":[{"name":"research","taskTypes":["research"],"model":"google-gemini/gemini-2.5-flash"}]}""", "gpt-4o", "research", [], 100, Hard, 0, "gemini-2.5-flash" },
        { """{"rules":[{"name":"research","taskTypes":["research"],"model":"google-gemini/gemini-2.5-flash"}]}""", "gpt-4o", "decide", [], 100, Hard, 0, "gpt-4o" },
        { """{"rules":[{"name":"long","minContextTokens":150000,"model":"google-gemini/gemini-2.5-flash"}]}""", "gpt-4o", null, [], 160_000, Short, 0, "gemini-2.5-flash" },
        { """{"rules":[{"name":"cheap drafts","maxComplexity":"low","prefer":"cost"}]}""", "gpt-4o", null, [], 100, Short, 0, "gpt-4.1-nano" },
        { """{"rules":[{"name":"cheap drafts","maxComplexity":"low","prefer":"cost"}]}""", "gpt-4o", null, [], 100, Hard, 0, "gpt-4o" },
        { RoutingRuleSet.EmptyJson, "gpt-4o", null, [], 300_000, Short, 0, "gemini-2.5-flash" },
        { RoutingRuleSet.EmptyJson, "o1", null, ["tools"], 100, Short, 0, "gpt-4o" },
        { RoutingRuleSet.EmptyJson, "gpt-4o", null, [], 100, Short, 0.85, "gpt-4.1-nano" },
        { RoutingRuleSet.EmptyJson, "gpt-4o", null, [], 100, Hard, 0.85, "gpt-4o-mini" },
        { """{"budgetSaverAt":0.9}""", "gpt-4o", null, [], 100, Short, 0.85, "gpt-4o" },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void ChooseTheModelTheRulesAndBudgetCallFor(string rules, string primary, string? taskType, string[] capabilities, int inputTokens,
        string prompt, double budgetFraction, string expected)
    {
        var decision = ModelRouter.Decide(Input(rules, primary, taskType, capabilities, inputTokens, prompt, budgetFraction));

        decision.Model.ModelId.ShouldBe(expected, decision.Reason);
        decision.Reason.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void SayWhyItLeftThePrimaryNearABudgetCap()
    {
        var decision = ModelRouter.Decide(Input(RoutingRuleSet.EmptyJson, "gpt-4o", null, [], 100, Short, 0.85));

        decision.Reason.ShouldContain("budget at 85");
        decision.Reason.ShouldContain("openai/gpt-4.1-nano");
        decision.Fallback!.ModelId.ShouldBe("gpt-4o", "the primary stays as the fallback");
    }

    [Fact]
    public void NameTheRuleThatDecided()
    {
        var decision = ModelRouter.Decide(Input("""{"rules":[{"name":"research","taskTypes":["research"],"model":"google-gemini/gemini-2.5-flash"}]}""",
            "gpt-4o", "research", [], 100, Hard, 0));

        decision.Rule.ShouldBe("research");
        decision.Reason.ShouldContain("rule \"research\" matched");
    }

    [Fact]
    public void SkipARuleWhoseModelCannotServeTheCall()
    {
        var decision = ModelRouter.Decide(Input("""{"rules":[{"name":"reasoner","model":"openai/o1"}]}""", "gpt-4o", null, ["tools"], 100, Short, 0));

        decision.Model.ModelId.ShouldBe("gpt-4o");
        decision.Reason.ShouldContain("cannot serve this call");
    }

    [Fact]
    public void IgnoreDeactivatedModels()
    {
        var inactive = Model(OpenAi, "gpt-4.1-nano", 0.1m, 0.4m, QualityTier.Basic, SpeedTier.Fast, 1_000_000, "chat");
        inactive.SetActive(false);
        var input = Input("""{"preference":"cost"}""", "gpt-4o", null, [], 100, Short, 0) with
        {
            Candidates = [Gpt4o, Gpt4oMini, inactive],
        };

        ModelRouter.Decide(input).Model.ModelId.ShouldBe("gpt-4o-mini");
    }

    [Theory]
    [InlineData("", Complexity.Low)]
    [InlineData("Translate 'hello' to French.", Complexity.Low)]
    [InlineData("What is the capital of France?", Complexity.Low)]
    [InlineData(Hard, Complexity.High)]
    [InlineData("Compare these two options and evaluate which one to choose.", Complexity.Medium)]
    public void EstimateComplexity(string prompt, Complexity expected) =>
        ComplexityEstimator.Estimate(prompt).ShouldBe(expected);

    [Theory]
    [InlineData("""{"preference":"cheapest"}""", "$.preference must be one of")]
    [InlineData("""{"rules":[{"name":"x","model":"gpt-4o"}]}""", "provider/model-id")]
    [InlineData("""{"rules":[{"name":"x"}]}""", "exactly one of")]
    [InlineData("""{"rules":[{"taskTypes":["research"],"prefer":"cost"}]}""", "$.rules[0].name is required")]
    [InlineData("""{"rules":[{"name":"x","prefer":"cost","capabilities":["telepathy"]}]}""", "'telepathy' is not one of")]
    [InlineData("""{"rules":[{"name":"x","prefer":"cost","minComplexity":"high","maxComplexity":"low"}]}""", "can never match")]
    [InlineData("""{"budgetSaverAt":1.5}""", "$.budgetSaverAt")]
    [InlineData("""{"rulez":[]}""", "unknown field \"rulez\"")]
    [InlineData("""{"rules":[ {"name": """, "malformed")]
    [InlineData("[]", "must be a JSON object")]
    public void ExplainInvalidRules(string json, string expected) =>
        Should.Throw<RoutingRulesException>(() => RoutingRuleSet.Parse(json)).Message.ShouldContain(expected);

    [Fact]
    public void RoundTripValidRules()
    {
        var rules = RoutingRuleSet.Parse("""{"preference":"cost","budgetSaverAt":0.7,"rules":[{"name":"v","capabilities":["vision"],"model":"openai/gpt-4o"}]}""");

        var again = RoutingRuleSet.Parse(rules.ToJson());

        again.Preference.ShouldBe(RoutingPreference.Cost);
        again.BudgetSaverAt.ShouldBe(0.7);
        again.Rules.ShouldHaveSingleItem().Model.ShouldBe("openai/gpt-4o");
    }

    private static RoutingInput Input(string rules, string primary, string? taskType, string[] capabilities, int inputTokens, string prompt,
        double budgetFraction) =>
        new(Catalog.Single(m => m.ModelId == primary), null, RoutingRuleSet.Parse(rules), Catalog, taskType, capabilities, inputTokens, 1000,
            prompt, budgetFraction);

    private static LlmModel Model(LlmProvider provider, string id, decimal input, decimal output, QualityTier quality, SpeedTier speed,
        int context, params string[] capabilities) =>
        new(provider, id, new CatalogFacts(id, context, 16_000, input, output, capabilities, speed, quality, SizeCategory.Medium, false, null));
}
