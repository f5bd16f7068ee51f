using Recommend.Contracts.Councils;
using Recommend.Ingest.Import.Councils;
using Recommend.Ingest.Import.Tabular;
using Recommend.TestSupport.Data;

namespace Recommend.Ingest.Tests.Councils;

public sealed class MySocietyCouncilImporterTests
{
    private static CouncilImportResult Import(params Dictionary<string, string>[] rows) =>
        MySocietyCouncilImporter.Import(new StringReader(MySocietyCsv.Build(rows)));

    private static RowReject SingleReject(CouncilImportResult result)
    {
        Assert.Empty(result.Councils);
        return Assert.Single(result.Rejects);
    }

    [Fact]
    public void PublishedRowBecomesAProfileWithDerivedBandAndClass()
    {
        var result = Import(MySocietyCsv.Blackpool());

        var council = Assert.Single(result.Councils);
        Assert.Empty(result.Rejects);
        Assert.Equal("BPL", council.Code);
        Assert.Equal("Blackpool", council.Name);
        Assert.Equal("Blackpool Borough Council", council.OfficialName);
        Assert.Equal(GovernanceType.Unitary, council.GovernanceType);
        Assert.Equal(138_381, council.Population);
        Assert.Equal(PopulationBand.Medium, council.PopulationBand);
        Assert.Equal(RuralUrbanClass.Urban, council.RuralUrban);
        Assert.Equal(1, council.DeprivationDecile);
        Assert.Equal(1, council.DeprivationQuintile);
    }

    [Theory]
    [InlineData("CTY", GovernanceType.County)]
    [InlineData("NMD", GovernanceType.District)]
    [InlineData("UA", GovernanceType.Unitary)]
    [InlineData("MD", GovernanceType.MetropolitanDistrict)]
    [InlineData("LBO", GovernanceType.LondonBorough)]
    [InlineData("COMB", GovernanceType.CombinedAuthority)]
    [InlineData("SRA", GovernanceType.CombinedAuthority)]
    [InlineData("CC", GovernanceType.LondonBorough)]
    public void EnglishTypeCodesMapToGovernanceTypes(string typeCode, string expected)
    {
        var result = Import(MySocietyCsv.Row(("local-authority-type", typeCode)));

        Assert.Equal(expected, Assert.Single(result.Councils).GovernanceType);
    }

    [Theory]
    [InlineData("SCO", "Scotland", "S12000034", GovernanceType.ScottishCouncil)]
    [InlineData("WPA", "Wales", "W06000023", GovernanceType.WelshPrincipal)]
    [InlineData("NID", "Northern Ireland", "N09000003", GovernanceType.NiDistrict)]
    public void DevolvedTypeCodesMapToTheirNationsTypes(string typeCode, string nation, string gss, string expected)
    {
        var result = Import(MySocietyCsv.Row(("local-authority-type", typeCode), ("nation", nation), ("region", nation), ("gss-code", gss)));

        Assert.Equal(expected, Assert.Single(result.Councils).GovernanceType);
    }

    [Theory]
    [InlineData("Urban", RuralUrbanClass.Urban)]
    [InlineData("Urban with rural areas", RuralUrbanClass.UrbanWithRural)]
    [InlineData("Rural", RuralUrbanClass.Rural)]
    [InlineData("Sparse and rural", RuralUrbanClass.SparseRural)]
    public void ClusterLabelsMapToRuralUrbanClasses(string label, string expected)
    {
        var result = Import(MySocietyCsv.Row(("ruc-cluster-label", label)));

        Assert.Equal(expected, Assert.Single(result.Councils).RuralUrban);
    }

    [Fact]
    public void MissingCodeIsRejectedWithRowNumberAndReason()
    {
        var result = Import(MySocietyCsv.Blackpool(), MySocietyCsv.Row(("local-authority-code", ""), ("gss-code", "E06000010")));

        var reject = Assert.Single(result.Rejects);
        Assert.Equal(3, reject.Row);
        Assert.Contains(reject.Problems, p => p.Field == "local-authority-code" && p.Message == "is missing");
        Assert.Single(result.Councils);
    }

    [Fact]
    public void UnknownTypeCodeIsRejectedNamingTheCode()
    {
        var reject = SingleReject(Import(MySocietyCsv.Row(("local-authority-type", "XYZ"))));

        Assert.Contains("unknown type 'XYZ'", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NonNumericPopulationIsRejected()
    {
        var reject = SingleReject(Import(MySocietyCsv.Row(("pop-2020", "about 140k"))));

        Assert.Contains(reject.Problems, p => p.Field == "pop-2020" && p.Message.Contains("not a number", StringComparison.Ordinal));
    }

    [Fact]
    public void FractionalPopulationIsRejected()
    {
        var reject = SingleReject(Import(MySocietyCsv.Row(("pop-2020", "138381.5"))));

        Assert.Contains("whole number of people", reject.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    public void DecileOutOfRangeIsRejected(string decile)
    {
        var reject = SingleReject(Import(MySocietyCsv.Row(("la-imd-pop-decile", decile))));

        Assert.Contains(reject.Problems, p => p.Field == "deprivation_decile");
    }

    [Fact]
    public void QuintileThatContradictsTheDecileIsRejected()
    {
        var reject = SingleReject(Import(MySocietyCsv.Row(("la-imd-pop-quintile", "3"))));

        Assert.Contains("does not match decile 1", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SharesThatDoNotAddUpAreRejected()
    {
        var reject = SingleReject(Import(MySocietyCsv.Row(("rural", "0.3"))));

        Assert.Contains("add up to 1", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SwappedLatitudeAndLongitudeAreRejected()
    {
        var reject = SingleReject(Import(MySocietyCsv.Row(("lat", "-3.0216"), ("long", "53.8207"))));

        Assert.Contains(reject.Problems, p => p.Field == "lat");
        Assert.Contains(reject.Problems, p => p.Field == "long");
    }

    [Fact]
    public void TypeFromAnotherNationIsRejected()
    {
        var reject = SingleReject(Import(MySocietyCsv.Row(("local-authority-type", "SCO"))));

        Assert.Contains("does not exist in England", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownClusterLabelIsRejected()
    {
        var reject = SingleReject(Import(MySocietyCsv.Row(("ruc-cluster-label", "Suburban"))));

        Assert.Contains("unknown label 'Suburban'", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemInARowIsReportedNotOnlyTheFirst()
    {
        var reject = SingleReject(Import(MySocietyCsv.Row(("pop-2020", "n/a"), ("la-imd-pop-decile", "ten"), ("local-authority-type", "XYZ"))));

        Assert.Equal(["local-authority-type", "pop-2020", "la-imd-pop-decile"], reject.Problems.Select(p => p.Field));
    }

    [Fact]
    public void DuplicateCodeIsRejectedPointingAtTheFirst()
    {
        var result = Import(MySocietyCsv.Blackpool(), MySocietyCsv.Row(("gss-code", "E06000010")));

        Assert.Single(result.Councils);
        var reject = Assert.Single(result.Rejects);
        Assert.Contains("first seen at row 2", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BlankPopulationAndCentreAreKeptAsUnknown()
    {
        var council = Assert.Single(Import(MySocietyCsv.Row(("local-authority-type", "COMB"), ("pop-2020", ""), ("lat", ""), ("long", ""))).Councils);

        Assert.Null(council.Population);
        Assert.Null(council.PopulationBand);
        Assert.Null(council.Lat);
    }

    [Fact]
    public void RowWithTooFewFieldsIsRejectedNotShifted()
    {
        var csv = MySocietyCsv.Build([MySocietyCsv.Blackpool()]) + "KWL,Knowsley\r\n";

        var result = MySocietyCouncilImporter.Import(new StringReader(csv));

        var reject = Assert.Single(result.Rejects);
        Assert.Contains("has 2 fields but the header has 21", reject.Reason, StringComparison.Ordinal);
        Assert.Equal(2, result.RowsRead);
    }

    [Fact]
    public void MissingHeaderColumnsAreNamed()
    {
        var header = MySocietyCsv.Header.Where(h => h is not ("la-imd-pop-decile" or "urban")).ToArray();
        var csv = MySocietyCsv.Build([MySocietyCsv.Blackpool()], header);

        var error = Assert.Throws<InvalidDataException>(() => MySocietyCouncilImporter.Import(new StringReader(csv)));

        Assert.Contains("la-imd-pop-decile, urban", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFileIsAClearError()
    {
        var error = Assert.Throws<InvalidDataException>(() => MySocietyCouncilImporter.Import(new StringReader("")));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }
}
