using Recommend.TestSupport.Data;

namespace Recommend.Contracts.Tests.TestData;

public sealed class SharedDataFactTests
{
    [Fact]
    public void AbsentReferenceFileSkipsTheTestNamingTheFileOnADevelopersClone()
    {
        var (skip, error) = SharedDataFactAttribute.Decide(SharedDataFactAttribute.Missing(RepoPaths.SharedData, ["councils/not_there.csv"]), required: false);

        Assert.Contains("councils/not_there.csv not found at ", skip, StringComparison.Ordinal);
        Assert.Null(error);
    }

    [Fact]
    public void AbsentReferenceFileFailsTheTestNamingTheFileWhereSharedDataIsRequired()
    {
        var (skip, error) = SharedDataFactAttribute.Decide(SharedDataFactAttribute.Missing(RepoPaths.SharedData, ["councils/not_there.csv"]), required: true);

        Assert.Null(skip);
        Assert.Contains("councils/not_there.csv not found at ", error, StringComparison.Ordinal);
        Assert.Contains(SharedDataFactAttribute.RequiredVariable, error, StringComparison.Ordinal);
    }

    [Fact]
    public void PresentReferenceFilesNeitherSkipNorFail()
    {
        using var folder = new TempFolder();
        var file = folder.File("present.csv", "code\n");

        var missing = SharedDataFactAttribute.Missing(Path.GetDirectoryName(file)!, ["present.csv"]);

        Assert.Null(missing);
        Assert.Equal((null, null), SharedDataFactAttribute.Decide(missing, required: true));
    }

    [Fact]
    public void EveryMissingFileIsNamed()
    {
        using var folder = new TempFolder();
        var root = Path.GetDirectoryName(folder.File("present.csv", "code\n"))!;

        var missing = SharedDataFactAttribute.Missing(root, ["present.csv", "scifact/corpus.jsonl", "scifact/qrels/train.tsv"]);

        Assert.DoesNotContain("present.csv", missing, StringComparison.Ordinal);
        Assert.Contains("scifact/corpus.jsonl not found", missing, StringComparison.Ordinal);
        Assert.Contains("scifact/qrels/train.tsv not found", missing, StringComparison.Ordinal);
    }

    [Fact]
    public void RepoRootIsTheFolderHoldingTheSolution()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.RepoRoot, "Recommend.sln")));
    }
}
