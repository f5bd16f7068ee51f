using System.Globalization;

namespace Recommend.Benchmarks.FeedbackSimulation;

/// <summary>What the simulator is asked to do; defaults are the run reported in docs/evaluation.md.</summary>
public sealed record SimulationOptions
{
    public const string Usage = """
        usage: Recommend.Feedback.Simulation --gateway URL --redis HOST:PORT [options]
          --gateway URL          the running app's gateway [http://localhost:5080]
          --redis HOST:PORT      the running app's Redis (retraining reads and publishes there; required)
          --keys FILE            council keys, one 'CODE KEY' a line (councils councils keys issue CODE printed them); without it councils post anonymously
          --checkpoints N,N,...  accepted feedback events after which to retrain and measure [500,2000,10000]
          --seed N               random seed [17]
          --anonymous-share X    share of questions asked by anonymous readers [0.3]
          --hostile-share X      share of questions asked by hostile clients, each followed by a burst of 'useful' [0.02]
          --hostile-burst N      posts per hostile burst [10]
          --judgments DIR        the usefulness set [data/judgments of this repository]
          --report DIR           where retrain writes its reports [./reports/simulation]
          --json FILE            also write every measurement, per query, as JSON
          --allow-existing-log   run although the app's feedback log is not empty
        """;

    public Uri Gateway { get; init; } = new("http://localhost:5080");
    public string Redis { get; init; } = "";
    public string? KeysFile { get; init; }
    public IReadOnlyList<int> Checkpoints { get; init; } = [500, 2000, 10000];
    public int Seed { get; init; } = 17;
    public double AnonymousShare { get; init; } = 0.3;
    public double HostileShare { get; init; } = 0.02;
    public int HostileBurst { get; init; } = 10;
    public int AnonymousReaders { get; init; } = 20;
    public int HostileClients { get; init; } = 6;
    public string Judgments { get; init; } = Path.Combine(RepositoryRoot(), "data", "judgments");
    public string ReportFolder { get; init; } = Path.Combine(Directory.GetCurrentDirectory(), "reports", "simulation");
    public string? JsonFile { get; init; }
    public bool AllowExistingLog { get; init; }

    /// <summary>The options, or null (after saying why on stderr) when they are not usable.</summary>
    public static SimulationOptions? Parse(string[] args)
    {
        var options = new SimulationOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                options = args[i] switch
                {
                    "--gateway" => options with { Gateway = new Uri(Value()) },
                    "--redis" => options with { Redis = Value() },
                    "--keys" => options with { KeysFile = Path.GetFullPath(Value()) },
                    "--checkpoints" => options with { Checkpoints = [.. Value().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).Order()] },
                    "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--anonymous-share" => options with { AnonymousShare = double.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--hostile-share" => options with { HostileShare = double.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--hostile-burst" => options with { HostileBurst = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--judgments" => options with { Judgments = Path.GetFullPath(Value()) },
                    "--report" => options with { ReportFolder = Path.GetFullPath(Value()) },
                    "--json" => options with { JsonFile = Path.GetFullPath(Value()) },
                    "--allow-existing-log" => options with { AllowExistingLog = true },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or UriFormatException)
            {
                Console.Error.WriteLine(ex.Message);
                return null;
            }
        }

        if (options.Redis.Length == 0 || options.AnonymousShare + options.HostileShare > 1 || options.AnonymousShare < 0 || options.HostileShare < 0 || options.Checkpoints.Any(c => c <= 0))
        {
            Console.Error.WriteLine("--redis is required; shares are between 0 and 1 together; checkpoints are positive.");
            return null;
        }

        return options;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Recommend.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
