using Recommend.Contracts.Councils;
using Recommend.TestSupport.Data;

namespace Recommend.Contracts.Tests.Councils;

public sealed class CouncilCatalogueTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CouncilProfile Blackpool => new()
    {
        Code = "BPL",
        GssCode = "E06000009",
        Name = "Blackpool",
        Nation = Nation.England,
        Region = "North West",
        GovernanceType = GovernanceType.Unitary,
        Population = 138_381,
        PopulationBand = PopulationBand.Medium,
        RuralUrban = RuralUrbanClass.Urban,
        UrbanShare = 1,
        DeprivationScore = 45.5,
        DeprivationDecile = 1,
        DeprivationQuintile = 1,
    };

    private void Write(string name, params CouncilProfile[] councils) =>
        File.WriteAllText(_temp.File(name), System.Text.Json.JsonSerializer.Serialize(CouncilFile.FromMySociety(councils), CouncilJsonContext.Default.CouncilFile));

    [Fact]
    public void IdenticalCopiesAcrossFilesMergeQuietly()
    {
        Write("a.json", Blackpool);
        Write("b.json", Blackpool);

        var result = CouncilCatalogue.LoadFolder(Path.GetDirectoryName(_temp.File("a.json"))!);

        Assert.Single(result.Councils);
        Assert.Empty(result.Rejects);
    }

    [Fact]
    public void ConflictingCopyIsReportedAndTheFirstKept()
    {
        Write("a.json", Blackpool);
        Write("b.json", Blackpool with { DeprivationScore = 12 });

        var result = CouncilCatalogue.LoadFolder(Path.GetDirectoryName(_temp.File("a.json"))!);

        Assert.Equal(45.5, Assert.Single(result.Councils).DeprivationScore);
        Assert.Contains("differs from the profile with the same code in a.json", Assert.Single(result.Rejects), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidProfileIsReportedWithTheFieldAtFault()
    {
        Write("a.json", Blackpool with { DeprivationDecile = 12 });

        var result = CouncilCatalogue.LoadFolder(Path.GetDirectoryName(_temp.File("a.json"))!);

        Assert.Empty(result.Councils);
        Assert.Contains("deprivation_decile", Assert.Single(result.Rejects), StringComparison.Ordinal);
    }

    [Fact]
    public void FileThatIsNotJsonIsReportedNotThrown()
    {
        File.WriteAllText(_temp.File("a.json"), "{ not json");

        var result = CouncilCatalogue.LoadFolder(Path.GetDirectoryName(_temp.File("a.json"))!);

        Assert.Contains("not a valid council file", Assert.Single(result.Rejects), StringComparison.Ordinal);
    }

    [Fact]
    public void CouncilVocabularyIsTheOneThePracticeSchemaUses()
    {
        Assert.Subset(Recommend.Contracts.Practices.PracticeValidator.GovernanceTypes.ToHashSet(), GovernanceType.All.ToHashSet());
        Assert.Equal(Recommend.Contracts.Practices.PracticeValidator.RuralUrbanClasses.Order(), RuralUrbanClass.All.Order());
        Assert.Equal(Recommend.Contracts.Practices.PracticeValidator.PopulationBands.Order(), PopulationBand.All.Order());
    }
}
