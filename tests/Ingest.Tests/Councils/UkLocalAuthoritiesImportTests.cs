using Recommend.Contracts.Councils;
using Recommend.Ingest.Import.Councils;
using Recommend.TestSupport.Data;

namespace Recommend.Ingest.Tests.Councils;

/// <summary>The real mySociety table: every council must load, none dropped on the way.</summary>
public sealed class UkLocalAuthoritiesImportTests
{
    private static CouncilImportResult ImportAll()
    {
        using var reader = File.OpenText(SharedFiles.PathOf(SharedFiles.UkLocalAuthorities));
        return MySocietyCouncilImporter.Import(reader);
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void AllThreeHundredNinetySevenCouncilsLoadWithNoneRejected()
    {
        var result = ImportAll();

        Assert.Empty(result.Rejects);
        Assert.Equal(397, result.RowsRead);
        Assert.Equal(397, result.Councils.Count);
        Assert.Equal(397, result.Councils.Select(c => c.Code).Distinct().Count());
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void NationsAndTypesAddUpToThePublishedCounts()
    {
        var councils = ImportAll().Councils;

        Assert.Equal(332, councils.Count(c => c.Nation == Nation.England));
        Assert.Equal(32, councils.Count(c => c.Nation == Nation.Scotland));
        Assert.Equal(22, councils.Count(c => c.Nation == Nation.Wales));
        Assert.Equal(11, councils.Count(c => c.Nation == Nation.NorthernIreland));
        Assert.Equal(164, councils.Count(c => c.GovernanceType == GovernanceType.District));
        Assert.Equal(21, councils.Count(c => c.GovernanceType == GovernanceType.County));
        // 14 combined authorities plus the Greater London Authority; 32 boroughs plus the City of London.
        Assert.Equal(15, councils.Count(c => c.GovernanceType == GovernanceType.CombinedAuthority));
        Assert.Equal(33, councils.Count(c => c.GovernanceType == GovernanceType.LondonBorough));
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void CombinedAuthoritiesWithoutAPublishedPopulationStillLoad()
    {
        var councils = ImportAll().Councils;

        var unknown = councils.Where(c => c.Population is null).Select(c => c.Code).Order().ToList();
        Assert.Equal(["EMCA", "GLCA", "HYCA"], unknown);
    }
}
