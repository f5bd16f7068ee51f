using System.Text.Json;
using Recommend.Contracts.Practices;
using Recommend.Ingest.Import.Practices;
using Recommend.TestSupport.Data;

namespace Recommend.Ingest.Tests.Import;

/// <summary>The EU JRC IPS Explorer cases through the mapping the repo ships: nothing may go missing.</summary>
public sealed class IpsImportTests
{
    private static readonly Lazy<CatalogueImportResult> Result = new(() =>
    {
        using var mappingStream = File.OpenRead(RepoPaths.InRepo("data", "import", "ips-cases.mapping.json"));
        var mapping = JsonSerializer.Deserialize(mappingStream, ImportMappingJsonContext.Default.ImportMapping)!;
        using var reader = File.OpenText(SharedFiles.PathOf(SharedFiles.IpsCases));
        return new CatalogueImporter(mapping, mapping.SourceName!, mapping.IdPrefix!).Import(reader, ImportFormat.Csv);
    });

    [SharedDataFact(SharedFiles.IpsCases)]
    public void EveryOneOfThe853CasesIsImportedOrRejected()
    {
        var result = Result.Value;

        Assert.Equal(853, result.RowsRead);
        Assert.Equal(853, result.Practices.Count + result.Rejects.Count);
    }

    [SharedDataFact(SharedFiles.IpsCases)]
    public void EveryRejectSaysWhereAndWhy()
    {
        var rejects = Result.Value.Rejects;

        Assert.NotEmpty(rejects);
        Assert.All(rejects, r =>
        {
            Assert.StartsWith("ips-", r.Key, StringComparison.Ordinal);
            Assert.NotEmpty(r.Problems);
            Assert.All(r.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        });
    }

    [SharedDataFact(SharedFiles.IpsCases)]
    public void RejectsAreForMissingUrlsShortOrLongDescriptionsAndNationalFunctionsOnly()
    {
        var fields = Result.Value.Rejects.SelectMany(r => r.Problems).Select(p => p.Field).ToHashSet();

        Assert.Subset(new HashSet<string> { "source_url", "description", "service_areas" }, fields);
        Assert.Equal(6, Result.Value.Rejects.Count(r => r.Reason.Contains("'Defence' is a national function", StringComparison.Ordinal)));
    }

    [SharedDataFact(SharedFiles.IpsCases)]
    public void MostCasesImportAndEachPassesTheCatalogueRules()
    {
        var practices = Result.Value.Practices;

        Assert.True(practices.Count > 853 / 2, $"only {practices.Count} imported");
        Assert.All(practices, p => Assert.Empty(PracticeValidator.Validate(p)));
        Assert.All(practices, p => Assert.StartsWith("ips-", p.Id, StringComparison.Ordinal));
        Assert.Equal(practices.Count, practices.Select(p => p.Id).Distinct().Count());
        Assert.All(practices, p => Assert.Null(p.Evidence.Level));
    }

    [SharedDataFact(SharedFiles.IpsCases)]
    public void ImportedFileLoadsAsACatalogueFolder()
    {
        var folder = Directory.CreateTempSubdirectory("ips-import-");
        try
        {
            var practices = Result.Value.Practices.ToList();
            File.WriteAllText(Path.Combine(folder.FullName, "ips.json"), JsonSerializer.Serialize(practices, PracticeJsonContext.Default.ListPractice));

            var loaded = SeedCatalogue.LoadFolder(folder.FullName);

            Assert.Empty(loaded.Rejects);
            Assert.Equal(practices.Count, loaded.Practices.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [SharedDataFact(SharedFiles.IpsCases)]
    public void MultilineDescriptionsSurviveTheCsvReader()
    {
        Assert.Contains(Result.Value.Practices, p => p.Description.Contains('\n'));
    }
}
