using System.Numerics.Tensors;
using AgentProvision.Core.Knowledge;
using AgentProvision.Core.Llm;
using AgentProvision.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AgentProvision.Infrastructure.Knowledge;

/// <summary>
/// Finds the same-type entity whose name means the same as a new one ("ACME Corporation" for "Acme Corp") by comparing
/// name embeddings. Names are embedded once and stored; a name embedded by another model is embedded again. Only names
/// with the same numbers in them are compared.
/// </summary>
internal sealed partial class EntityNameMatcher(IEmbeddingGenerator<string, Embedding<float>> generator, IOptionsMonitor<KnowledgeOptions> options)
{
    public string Model => generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? generator.GetType().Name;

    public double Threshold => options.CurrentValue.EntityMatchThreshold;

    /// <summary>
    /// The closest same-type entity at or above the threshold (if any), and the new name's vector (null when the tenant
    /// has no entity of the type yet, so nothing was embedded).
    /// </summary>
    public async Task<NameMatch> MatchAsync(AppDbContext db, string entityType, string name, CancellationToken cancellationToken)
    {
        var numbers = Numbers(name).ToList();
        // Names that differ in a number ("Building 1", "Building 2", "iPhone 15") embed almost alike but are different things.
        var candidates = (await db.KnowledgeEntities.AsNoTracking().Where(e => e.EntityType == entityType)
                .Select(e => new Candidate(e.Id, e.Name, e.NameEmbedding, e.NameEmbeddingModel))
                .ToListAsync(cancellationToken))
            .Where(c => Numbers(c.Name).SequenceEqual(numbers))
            .ToList();
        var model = Model;
        if (candidates.Count == 0)
        {
            // Nothing of this type to compare with: no reason to wake the model.
            return new NameMatch(null, null, null, model);
        }

        var missing = candidates.Where(c => c.Vector(model) is null).ToList();
        var embedded = await generator.GenerateAsync([name, .. missing.Select(c => c.Name)], EmbeddingPurpose.ForDocuments(), cancellationToken);
        var vector = embedded[0].Vector.ToArray();
        var vectors = candidates.Where(c => c.Vector(model) is not null).ToDictionary(c => c.Id, c => c.Vector(model)!);
        for (var i = 0; i < missing.Count; i++)
        {
            var missingVector = embedded[i + 1].Vector.ToArray();
            vectors[missing[i].Id] = missingVector;
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(missingVector.AsSpan()).ToArray();
            // Stored as found, so the next learning of this type embeds only its own name.
            await db.KnowledgeEntities.Where(e => e.Id == missing[i].Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.NameEmbedding, bytes).SetProperty(e => e.NameEmbeddingModel, model), cancellationToken);
        }

        var best = candidates.Select(c => (Candidate: c, Score: (double)TensorPrimitives.CosineSimilarity(vector, vectors[c.Id])))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Candidate.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Candidate is not null && best.Score >= Threshold
            ? new NameMatch(best.Candidate.Id, best.Score, vector, model)
            : new NameMatch(null, best.Candidate is null ? null : best.Score, vector, model);
    }

    private static IEnumerable<string> Numbers(string name) => Digits().Matches(name).Select(m => m.Value.TrimStart('0'));

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+")]
    private static partial System.Text.RegularExpressions.Regex Digits();

    private sealed record Candidate(Guid Id, string Name, byte[]? Embedding, string? EmbeddingModel)
    {
        public float[]? Vector(string model) =>
            Embedding is { } bytes && EmbeddingModel == model ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray() : null;
    }
}

/// <param name="EntityId">The matched entity, or null when none came close enough.</param>
/// <param name="Score">The best cosine found, matched or not (null when there was nothing to compare with).</param>
internal sealed record NameMatch(Guid? EntityId, double? Score, float[]? Vector, string Model);
