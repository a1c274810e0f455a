using System.Text.Json;
using AgentProvision.Core.Llm;

namespace AgentProvision.Bench;

/// <summary>The shipped catalog as domain objects, without a database: the router is pure.</summary>
internal static class Catalog
{
    public static IReadOnlyList<LlmModel> Load()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "llm_catalog.json"));
        var root = JsonDocument.Parse(stream).RootElement;
        var providers = root.GetProperty("providers").EnumerateArray().Select(p => new LlmProvider(
            p.GetProperty("name").GetString()!, p.GetProperty("display_name").GetString()!, p.GetProperty("base_url").GetString()!,
            p.GetProperty("api_style").GetString()!, LlmAuthType.ApiKey, [], null)).ToDictionary(p => p.Name);
        return root.GetProperty("models").EnumerateArray().Select(m => new LlmModel(
            providers[m.GetProperty("provider").GetString()!],
            m.GetProperty("model_id").GetString()!,
            new CatalogFacts(
                m.GetProperty("display_name").GetString()!,
                m.GetProperty("context_window").GetInt32(),
                m.GetProperty("max_output_tokens").ValueKind == JsonValueKind.Number ? m.GetProperty("max_output_tokens").GetInt32() : null,
                Price(m, "input_cost_per_1m_usd"),
                Price(m, "output_cost_per_1m_usd"),
                m.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()!).ToList(),
                Enum.Parse<SpeedTier>(m.GetProperty("speed_tier").GetString()!, true),
                Enum.Parse<QualityTier>(m.GetProperty("quality_tier").GetString()!, true),
                Enum.Parse<SizeCategory>(m.GetProperty("size_category").GetString()!, true),
                m.GetProperty("edge_optimized").GetBoolean(),
                null))).ToList();
    }

    private static decimal? Price(JsonElement model, string name) =>
        model.GetProperty(name).ValueKind == JsonValueKind.Number ? model.GetProperty(name).GetDecimal() : null;
}
