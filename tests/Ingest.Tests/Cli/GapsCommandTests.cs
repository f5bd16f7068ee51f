using System.Globalization;
using CsvHelper;
using Recommend.Contracts.Councils.Adoptions;
using Recommend.ServiceDefaults.Councils.Adoptions;
using Recommend.Ingest.Cli;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using SkiaSharp;

namespace Recommend.Ingest.Tests.Cli;

/// <summary>Runs <c>gaps</c> in-process, parsed as the program parses it, on the shipped catalogue and the full UK council list or the examples.</summary>
public sealed class GapsCommandTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IDisposable
{
    /// <summary>ONS mid-2020 estimate of the UK's population, rounded: the figure the residents of every area must add up to.</summary>
    private const long UkPopulation2020 = 67_081_000;

    private readonly TempFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public async Task OnTheFullUkListEveryAreaCountsEachResidentOnce()
    {
        var csv = SharedFiles.PathOf(SharedFiles.UkLocalAuthorities);
        var outFolder = _scratch.File("out");

        var (exit, stdout, stderr) = await RunAsync("--out", outFolder, "--councils", csv);

        Assert.True(exit == 0, stderr);
        var rows = ReadRows(Path.Combine(outFolder, "gaps.csv"));
        var lowerOrUnitary = LowerOrUnitaryPopulation(csv);
        foreach (var area in Contracts.Practices.ServiceArea.All)
        {
            var residents = rows.Where(r => r["area"] == area).Sum(r => long.Parse(r["residents"], CultureInfo.InvariantCulture));
            Assert.Equal(lowerOrUnitary, residents);
            Assert.InRange(residents, UkPopulation2020 * 0.9, UkPopulation2020 * 1.1);
        }

        Assert.Contains("| `adult_social_care` | county | 218 |", stdout, StringComparison.Ordinal);
        Assert.Contains("| `housing_homelessness` | district | 361 |", stdout, StringComparison.Ordinal);

        // docs/evidence.md quotes this run's table: a change to the catalogue, the councils or the method shows here first.
        var docs = await File.ReadAllTextAsync(RepoPaths.InRepo("docs", "evidence.md"));
        var table = stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith('|')).ToList();
        Assert.Equal(16, table.Count);
        Assert.All(table, line => Assert.True(docs.Contains(line, StringComparison.Ordinal), $"docs/evidence.md lacks the line: {line}"));
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public async Task EveryNamedPracticeIsALevelThreePracticeOfItsAreaAndTheHeatMapRenders()
    {
        var outFolder = _scratch.File("out");

        var (exit, _, stderr) = await RunAsync("--out", outFolder, "--councils", SharedFiles.PathOf(SharedFiles.UkLocalAuthorities));

        Assert.True(exit == 0, stderr);
        var catalogue = SeedData.Practices.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var rows = ReadRows(Path.Combine(outFolder, "gaps.csv"));
        var named = 0;
        foreach (var row in rows)
        {
            foreach (var id in row["similar_practice_ids"].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.True(catalogue.TryGetValue(id, out var practice), $"gaps.csv names '{id}', which is not in the catalogue");
                Assert.True(practice.Evidence.Level >= 3 && practice.ServiceAreas.Contains(row["area"]), $"'{id}' is not a level 3+ practice of {row["area"]}");
                named++;
            }

            Assert.Equal(row["similar_practices"], row["similar_practice_ids"].Split(';', StringSplitOptions.RemoveEmptyEntries).Length.ToString(CultureInfo.InvariantCulture));
        }

        Assert.True(named > 0, "no cell names a practice");
        using var image = SKBitmap.Decode(Path.Combine(outFolder, "gaps.png"));
        Assert.NotNull(image);
        Assert.True(image.Width >= 1000 && image.Height >= 1000, $"{image.Width} x {image.Height}");
        // A drawn map has the six colours of its key and more; a blank or failed render has one or two.
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < image.Height; y += 7)
        {
            for (var x = 0; x < image.Width; x += 7)
            {
                colours.Add(image.GetPixel(x, y));
            }
        }

        Assert.True(colours.Count > 20, $"only {colours.Count} colours in gaps.png");
    }

    [Fact]
    public async Task CouncilsReportsInRedisAreCountedBesideTheCataloguesAdopters()
    {
        await redis.FlushAsync();
        var examples = Path.Combine(AppContext.BaseDirectory, "councils", "examples.json");
        var practice = SeedData.Practices.First(p => p.ServiceAreas.Contains("housing_homelessness"));
        var stores = new AdoptionReportStore(redis.Connection);
        foreach (var (council, status) in new[] { ("BPL", AdoptionStatus.Adopted), ("KWL", AdoptionStatus.Considering) })
        {
            await stores.SaveAsync(new AdoptionReport { PracticeId = practice.Id, Council = council, Status = status, Started = "2024", ReportedAt = DateTimeOffset.UtcNow, Source = AdoptionReport.FromReport }, "a1b2c3d4e5f6");
        }

        var without = await RunAsync("--out", _scratch.File("without"), "--councils", examples, "--area", "housing_homelessness");
        var with = await RunAsync("--out", _scratch.File("with"), "--councils", examples, "--area", "housing_homelessness", "--redis", $"127.0.0.1:{redis.Port}");

        Assert.True(without.Exit == 0, without.Stderr);
        Assert.True(with.Exit == 0, with.Stderr);
        // A council still considering it has not adopted it.
        Assert.Contains("1 adoptions reported by councils", with.Stdout, StringComparison.Ordinal);
        int Adoptions(string folder) => ReadRows(Path.Combine(_scratch.File(folder), "gaps.csv"))
            .Where(r => r["council_codes"].Split(';').Contains("BPL")).Sum(r => int.Parse(r["adoptions"], CultureInfo.InvariantCulture));
        Assert.Equal(Adoptions("without") + 1, Adoptions("with"));
        Assert.All(ReadRows(Path.Combine(_scratch.File("with"), "gaps.csv")), r => Assert.Equal("housing_homelessness", r["area"]));
    }

    [Fact]
    public async Task AnUnknownAreaIsAUsageMistakeNamingTheAreas()
    {
        var (exit, _, stderr) = await RunAsync("--out", _scratch.File("out"), "--area", "parking");

        Assert.Equal(2, exit);
        Assert.Contains("unknown service area 'parking'", stderr, StringComparison.Ordinal);
        Assert.Contains("adult_social_care", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch.File("out")));
    }

    [Fact]
    public async Task WithoutOutOrWithAFileForItTheCommandSaysWhatIsWrong()
    {
        var missing = await RunAsync();
        var file = _scratch.File("a-file.txt", "not a folder");
        var onFile = await RunAsync("--out", file);

        Assert.Equal(2, missing.Exit);
        Assert.Contains("--out", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, onFile.Exit);
        Assert.Contains("is a file; name a folder", onFile.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CouncilsThatCannotBeReadEndWithExitOneAndNothingWritten()
    {
        var notCouncils = _scratch.File("councils.csv", "name,colour\nfoo,blue\n");
        var brokenJson = _scratch.File("councils.json", "{ not json");

        var csv = await RunAsync("--out", _scratch.File("csv-out"), "--councils", notCouncils);
        var json = await RunAsync("--out", _scratch.File("json-out"), "--councils", brokenJson);
        var absent = await RunAsync("--out", _scratch.File("absent-out"), "--councils", _scratch.File("absent.csv"));

        Assert.Equal(1, csv.Exit);
        Assert.StartsWith("gaps: ", csv.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, json.Exit);
        Assert.Contains("no council could be read", json.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, absent.Exit);
        Assert.Contains("does not exist", absent.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_scratch.File("csv-out")));
        Assert.False(Directory.Exists(_scratch.File("json-out")));
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await GapsCommand.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static List<Dictionary<string, string>> ReadRows(string path)
    {
        using var reader = new CsvReader(File.OpenText(path), CultureInfo.InvariantCulture);
        return [.. reader.GetRecords<dynamic>().Select(r => ((IDictionary<string, object>)r).ToDictionary(p => p.Key, p => (string)p.Value, StringComparer.Ordinal))];
    }

    /// <summary>The residents of every lower-tier or single-tier council, read straight from mySociety's file: each UK resident once.</summary>
    private static long LowerOrUnitaryPopulation(string csv) =>
        ReadRows(csv)
            .Where(r => r["lower-or-unitary"] == "True" && r["pop-2020"].Length > 0)
            .Sum(r => (long)double.Parse(r["pop-2020"], CultureInfo.InvariantCulture));
}
