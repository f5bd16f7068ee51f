using Recommend.Contracts.Practices;
using Recommend.Ingest.Import.Practices;
using Recommend.Ingest.Import.Tabular;

namespace Recommend.Ingest.Tests.Import;

public sealed class CatalogueImporterTests
{
    private const string LongDescription =
        "The city council used a predictive model to decide which streets to inspect for blocked drains before heavy rain, " +
        "combining sensor readings, complaint records and weather forecasts. Crews were sent to the highest-risk streets first, " +
        "and the council published the list of inspected streets each week so residents could see what had been done.";

    private static readonly ImportMapping Mapping = new()
    {
        Fields = ImportMapping.ParsePairs(
            "id=id,title=name,description=description,url=url,sector=primary_sector,secondary_sector=secondary_sector," +
            "country=geocoverage,outcome=type,adopter=lead,status=status,year=start_date"),
    };

    private static readonly string[] Header =
        ["id", "name", "description", "url", "primary_sector", "secondary_sector", "geocoverage", "type", "lead", "status", "start_date"];

    private static CatalogueImporter Importer(ImportMapping? mapping = null) => new(mapping ?? Mapping, "Test Catalogue", "tc");

    private static SourceRow Row(int number, params (string Column, string Value)[] changes)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["name"] = "Predictive drain inspections",
            ["description"] = LongDescription,
            ["url"] = "https://example.org/drains",
            ["primary_sector"] = "Environmental protection",
            ["secondary_sector"] = "Waste water management.",
            ["geocoverage"] = "Netherlands",
            ["type"] = "Prediction and planning",
            ["lead"] = "Gemeente Voorbeeld",
            ["status"] = "Implemented",
            ["start_date"] = "2019",
        };
        foreach (var (column, value) in changes)
        {
            values[column] = value;
        }

        return new SourceRow(number + 1, number + 1, values, null);
    }

    [Fact]
    public void GoodRowBecomesAValidPracticeThatClaimsNoEvidence()
    {
        var result = Importer().Import([Row(1)]);

        var practice = Assert.Single(result.Practices);
        Assert.Empty(PracticeValidator.Validate(practice));
        Assert.Equal("tc-1", practice.Id);
        Assert.Equal("Test Catalogue", practice.Source);
        Assert.Equal("https://example.org/drains", practice.SourceUrl);
        Assert.Equal("case_study", practice.PracticeType);
        Assert.Equal(["environment_climate"], practice.ServiceAreas);
        Assert.Equal(["prediction_and_planning"], practice.Outcomes);
        Assert.Null(practice.Evidence.Level);
        Assert.Equal(("none", null), (practice.Evidence.RatingScale, practice.Evidence.RatingGrade));
        Assert.Equal("unknown", practice.Evidence.EffectDirection);
        Assert.Null(practice.Cost.Band);
        Assert.Equal(["Netherlands"], practice.EvidenceContext!.Countries);
        var adopter = Assert.Single(practice.Adopters);
        Assert.Equal(("Gemeente Voorbeeld", 2019, "implemented"), (adopter.CouncilName, adopter.Year, adopter.Status));
    }

    [Fact]
    public void ShortDescriptionIsRejectedWithTheLengthRule()
    {
        var result = Importer().Import([Row(1, ("description", "Too short to tell anyone what was done."))]);

        var reject = Assert.Single(result.Rejects);
        Assert.Equal("tc-1", reject.Key);
        var problem = Assert.Single(reject.Problems);
        Assert.Equal("description", problem.Field);
        Assert.Contains("200-3000", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingUrlIsRejectedNamingTheColumn()
    {
        var reject = Assert.Single(Importer().Import([Row(1, ("url", ""))]).Rejects);

        Assert.Equal("source_url: no url in column 'url'", Assert.Single(reject.Problems).ToString());
    }

    [Fact]
    public void TextThatIsNotAWebAddressIsRejected()
    {
        var reject = Assert.Single(Importer().Import([Row(1, ("url", "internal web address"))]).Rejects);

        Assert.Contains("'internal web address' is not a web address", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BareHostGainsHttps()
    {
        var practice = Assert.Single(Importer().Import([Row(1, ("url", "www.kela.fi/lapsiperheet"))]).Practices);

        Assert.Equal("https://www.kela.fi/lapsiperheet", practice.SourceUrl);
    }

    [Fact]
    public void DefenceIsRejectedAsANationalFunction()
    {
        var reject = Assert.Single(Importer().Import([Row(1, ("primary_sector", "Defence"), ("secondary_sector", "Military defence."))]).Rejects);

        Assert.Contains("national function", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSectorIsRejectedSayingHowToFixIt()
    {
        var reject = Assert.Single(Importer().Import([Row(1, ("primary_sector", "Space exploration"), ("secondary_sector", ""))]).Rejects);

        Assert.Contains("sector 'Space exploration' matches no service area; add it to sector_synonyms", reject.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreSpecificSecondarySectorComesFirst()
    {
        var practice = Assert.Single(Importer().Import([Row(1, ("primary_sector", "Economic affairs"), ("secondary_sector", "Transport"))]).Practices);

        Assert.Equal(["transport", "economy_skills"], practice.ServiceAreas);
    }

    [Fact]
    public void UnmappedSecondarySectorsAreCountedNotRejected()
    {
        var result = Importer().Import([Row(1), Row(2)]);

        Assert.Equal(2, result.Practices.Count);
        Assert.Equal(2, result.UnmappedSecondarySectors["Waste water management."]);
    }

    [Fact]
    public void PlannedProjectHasNoAdopterYet()
    {
        var practice = Assert.Single(Importer().Import([Row(1, ("status", "Planned"))]).Practices);

        Assert.Empty(practice.Adopters);
        Assert.Contains("Status as published: Planned.", practice.Evidence.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateIdIsRejectedPointingAtTheFirst()
    {
        var result = Importer().Import([Row(1), Row(1) with { Row = 3, Line = 3 }]);

        Assert.Single(result.Practices);
        Assert.Contains("duplicate 'tc-1', first seen at row 2", Assert.Single(result.Rejects).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableRowIsRejectedWithTheReadersReason()
    {
        var result = Importer().Import([new SourceRow(2, 2, new Dictionary<string, string>(), "is not valid JSON")]);

        Assert.Equal("row: is not valid JSON", Assert.Single(Assert.Single(result.Rejects).Problems).ToString());
    }

    [Fact]
    public void EveryRowIsImportedOrRejected()
    {
        var rows = Enumerable.Range(1, 30).Select(i => i % 3 == 0 ? Row(i, ("url", "")) : Row(i)).ToList();

        var result = Importer().Import(rows);

        Assert.Equal(30, result.RowsRead);
        Assert.Equal((20, 10), (result.Practices.Count, result.Rejects.Count));
    }

    [Fact]
    public void CsvWithQuotedMultilineDescriptionsImports()
    {
        var description = LongDescription.Replace(". ", ".\r\n", StringComparison.Ordinal).Replace("drains", "\"drains\"", StringComparison.Ordinal);
        var csv = string.Join(',', Header) + "\n" +
            $"1,\"Drains, predicted\",\"{description.Replace("\"", "\"\"", StringComparison.Ordinal)}\",https://example.org,Health,,Italy,Prediction and planning,Comune,Pilot,2020\n";

        var result = Importer().Import(new StringReader(csv), ImportFormat.Csv);

        var practice = Assert.Single(result.Practices);
        Assert.Equal("Drains, predicted", practice.Title);
        Assert.Contains("\"drains\"", practice.Description, StringComparison.Ordinal);
        Assert.Contains('\n', practice.Description);
        Assert.DoesNotContain('\r', practice.Description);
    }

    [Fact]
    public void JsonLinesImportsThroughTheSameMapping()
    {
        var line = System.Text.Json.JsonSerializer.Serialize(Row(5).Values, ImportTestJsonContext.Default.IReadOnlyDictionaryStringString);

        var result = Importer().Import(new StringReader(line + "\n"), ImportFormat.JsonLines);

        Assert.Equal("tc-5", Assert.Single(result.Practices).Id);
    }

    [Fact]
    public void MappedColumnMissingFromTheHeaderIsAClearError()
    {
        var error = Assert.Throws<InvalidDataException>(() => Importer().Import(new StringReader("id,name\n1,x\n"), ImportFormat.Csv));

        Assert.Contains("description", error.Message, StringComparison.Ordinal);
        Assert.Contains("not in the header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MappingWithoutRequiredFieldsIsRefusedWithEveryProblem()
    {
        var mapping = new ImportMapping { Fields = ImportMapping.ParsePairs("titel=name") };

        var problems = mapping.Problems();

        Assert.Contains(problems, p => p.Contains("'titel' is not a field", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("field 'description' is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("needs an outcome", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => Importer(mapping));
    }

    [Fact]
    public void MappingMayNotClaimMoreThanLevelOneEvidence()
    {
        Assert.NotEmpty((Mapping with { EvidenceLevel = 3 }).Problems());
        Assert.Empty((Mapping with { EvidenceLevel = 1 }).Problems());
    }

    [Fact]
    public void IdFallsBackToTheTitleWhenNoIdColumnIsMapped()
    {
        var fields = new Dictionary<string, string>(Mapping.Fields);
        fields.Remove("id");

        var practice = Assert.Single(Importer(Mapping with { Fields = fields }).Import([Row(1)]).Practices);

        Assert.Equal("tc-predictive-drain-inspections", practice.Id);
    }
}
