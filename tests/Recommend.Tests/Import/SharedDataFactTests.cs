using Recommend.Tests.TestData;

namespace Recommend.Tests.Import;

public sealed class SharedDataFactTests
{
    [Fact]
    public void AbsentReferenceFileSkipsTheTestNamingTheFile()
    {
        var fact = new SharedDataFactAttribute("councils/not_there.csv");

        Assert.Contains("councils/not_there.csv not found", fact.Skip, StringComparison.Ordinal);
    }

    [Fact]
    public void RepoRootIsTheFolderHoldingTheSolution()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.RepoRoot, "Recommend.slnx")));
    }
}
