using AgentProvision.Infrastructure.Llm.Embeddings;

namespace AgentProvision.Tests.Llm.Embeddings;

public sealed class ArcticModelFilesShould : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"agentprovision-arctic-files-{Guid.NewGuid():N}");

    [Fact]
    public void ExtractOnceAndAgainOnlyWhenAFileIsDamaged()
    {
        var files = new ArcticModelFiles(ArcticModelFiles.DefaultAssemblyPath, _folder);

        files.EnsureExtracted().ShouldBeTrue();
        files.EnsureExtracted().ShouldBeFalse();
        var size = new FileInfo(files.ModelPath).Length;
        using (var model = File.OpenWrite(files.ModelPath))
        {
            model.SetLength(size / 2);
        }

        files.EnsureExtracted().ShouldBeTrue();

        new FileInfo(files.ModelPath).Length.ShouldBe(size);
        size.ShouldBeGreaterThan(90_000_000);
        File.ReadLines(files.VocabPath).First().ShouldBe("[PAD]");
        Directory.GetFiles(_folder).Length.ShouldBe(2);
    }

    [Fact]
    public void ExplainAMissingModelAssembly()
    {
        var files = new ArcticModelFiles(Path.Combine(_folder, ArcticModelFiles.AssemblyFileName), _folder);

        Should.Throw<FileNotFoundException>(() => files.EnsureExtracted()).Message.ShouldContain("run a build");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
