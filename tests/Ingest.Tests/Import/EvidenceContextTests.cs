using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;
using Recommend.Ingest.Import.Councils;
using Recommend.TestSupport.Data;

namespace Recommend.Ingest.Tests.Import;

/// <summary>
/// evidence_context holds only what the source states (docs/evidence.md): where a record names the
/// councils that ran the practice, their rurality, deprivation and size are those councils' own, as
/// the council list gives them; where it names none, nothing about deprivation or size is claimed.
/// </summary>
public sealed class EvidenceContextTests
{
    private static readonly CatalogueLoadResult Catalogue = SeedCatalogue.LoadFolder(RepoPaths.InRepo("data", "catalogue", "practices"));

    private static bool NamesCouncils(Practice practice) => practice.Adopters.Any(a => a.CouncilCode is not null);

    [Fact]
    public void WithoutNamedCouncilsNoDeprivationOrSizeIsClaimed() =>
        Assert.All(Catalogue.Practices.Where(p => !NamesCouncils(p) && p.EvidenceContext is not null), p =>
        {
            Assert.True(p.EvidenceContext!.DeprivationQuintiles.Count == 0, $"{p.Id}: deprivation with no council named");
            Assert.True(p.EvidenceContext.PopulationBands.Count == 0, $"{p.Id}: population band with no council named");
        });

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public void NamedCouncilsSetRuralityDeprivationAndSize()
    {
        using var reader = File.OpenText(SharedFiles.PathOf(SharedFiles.UkLocalAuthorities));
        var councils = MySocietyCouncilImporter.Import(reader).Councils.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var practice in Catalogue.Practices.Where(NamesCouncils))
        {
            var named = practice.Adopters
                .Where(a => a.CouncilCode is not null)
                .Select(a => councils.GetValueOrDefault(a.CouncilCode!))
                .OfType<CouncilProfile>()
                .ToList();
            if (named.Count == 0)
            {
                continue;
            }

            var context = practice.EvidenceContext ?? new EvidenceContext();
            void Same(string field, IEnumerable<string> stated, IEnumerable<string?> fromCouncils)
            {
                var expected = fromCouncils.OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
                var actual = stated.Distinct().Order(StringComparer.Ordinal).ToList();
                if (!expected.SequenceEqual(actual))
                {
                    problems.Add($"{practice.Id}: {field} [{string.Join(", ", actual)}] but the named councils give [{string.Join(", ", expected)}]");
                }
            }

            static string Quintile(int q) => q.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Same("rural_urban", context.RuralUrban, named.Select(c => c.RuralUrban));
            Same("deprivation_quintiles", context.DeprivationQuintiles.Select(Quintile), named.Select(c => Quintile(c.DeprivationQuintile)));
            Same("population_bands", context.PopulationBands, named.Select(c => c.PopulationBand));
            var missingTypes = named.Select(c => c.GovernanceType).Distinct().Except(context.GovernanceTypes).ToList();
            if (missingTypes.Count > 0)
            {
                problems.Add($"{practice.Id}: governance_types leave out {string.Join(", ", missingTypes)}, the type of a named council");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
