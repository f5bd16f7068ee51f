using Recommend.Contracts.Councils;
using Recommend.Contracts.EvidenceGaps;
using Recommend.Contracts.Practices;

namespace Recommend.Contracts.Tests.EvidenceGaps;

/// <summary>Small councils and practices made to measure, so each rule of the map is seen on its own.</summary>
internal static class GapTestData
{
    public static CouncilProfile Council(string code, string type, string nation = Nation.England, int population = 100_000, string rural = RuralUrbanClass.Urban, int quintile = 1) => new()
    {
        Code = code,
        GssCode = $"{Nation.GssPrefix(nation)}0{code}",
        Name = $"Council {code}",
        Nation = nation,
        Region = nation,
        GovernanceType = type,
        Population = population,
        PopulationBand = PopulationBand.For(population),
        RuralUrban = rural,
        UrbanShare = 1,
        DeprivationScore = 30,
        DeprivationDecile = (quintile * 2) - 1,
        DeprivationQuintile = quintile,
    };

    public static EvidencePractice Practice(
        string id,
        string area = "housing_homelessness",
        int? level = 3,
        string[]? countries = null,
        string[]? types = null,
        string[]? rural = null,
        int[]? quintiles = null,
        params Adopter[] adopters) => new(
        id,
        $"Practice {id}",
        [area],
        level,
        new EvidenceContext
        {
            Countries = [.. countries ?? [Nation.England]],
            GovernanceTypes = [.. types ?? []],
            RuralUrban = [.. rural ?? []],
            DeprivationQuintiles = [.. quintiles ?? []],
        },
        adopters);

    public static ContextCell Cell(string nation = Nation.England, string tier = ContextCell.SingleTier, string rural = RuralUrbanClass.Urban, string band = DeprivationBand.MoreDeprived) =>
        new(nation, tier, rural, band);
}
