extern alias IngestApp;

using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IngestApp::Recommend.Ingest.Training;
using Recommend.Benchmarks.FeedbackSimulation;
using StackExchange.Redis;

// Drives the running app's API with simulated councils whose hidden preferences are the usefulness
// grades (data/judgments), retrains from what they said at each checkpoint and measures held-out
// wordings through the API. docs/evaluation.md ("Learning from feedback") has the figures and the method.
// Usage: dotnet run -c Release --project benchmarks/Feedback.Simulation -- --gateway http://localhost:5080
//        --redis localhost:PORT [--keys FILE] [--checkpoints 500,2000,10000] [--seed 17] [--json FILE]
var options = SimulationOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(SimulationOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var ct = cancellation.Token;

var judgments = JudgmentSet.Read(options.Judgments);
var wordings = Wordings.Split(judgments.Queries);
var random = new Random(options.Seed);
var model = new UserModel(random);
await using var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis);
var existing = await redis.GetDatabase().StreamLengthAsync(Recommend.Contracts.Storage.StoreKeys.FeedbackEvents);
if (existing > 0 && !options.AllowExistingLog)
{
    Console.Error.WriteLine($"The app's feedback log already holds {existing} events; start from a fresh app (or pass --allow-existing-log).");
    return 2;
}

var loopback = GatewayClient.IsLoopback(options.Gateway);
var nextAddress = 2;
GatewayClient NewClient() => new(options.Gateway, loopback ? IPAddress.Parse($"127.0.0.{nextAddress++}") : null);

// Councils: every council the judged wordings name (the app knows them); keyed when --keys gives their key.
var keys = options.KeysFile is null ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : ReadKeys(options.KeysFile);
var councilUsers = judgments.Queries.Select(q => q.Council).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)
    .Select(code => new SimulatedUser($"council {code}", keys.ContainsKey(code) ? UserKind.Keyed : UserKind.Anonymous, code.ToUpperInvariant(), keys.GetValueOrDefault(code), NewClient()))
    .ToList();
var readers = Enumerable.Range(1, options.AnonymousReaders).Select(i => new SimulatedUser($"reader {i}", UserKind.Anonymous, null, null, NewClient())).ToList();

// Hostile clients each push one practice nobody graded better than 0 for any wording.
var neverUseful = judgments.Qrels.Judgements.Values.SelectMany(j => j).GroupBy(j => j.Key).Where(g => g.All(j => j.Value == 0)).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
var hostile = Enumerable.Range(1, options.HostileClients).Select(i => new SimulatedUser($"hostile {i}", UserKind.Hostile, null, null, NewClient(), neverUseful[random.Next(neverUseful.Count)])).ToList();
var hostileTargets = hostile.Select(h => h.Target!).ToHashSet(StringComparer.Ordinal);
using var measurer = NewClient();

Console.Error.WriteLine($"{wordings.Asked.Count} wordings asked, {wordings.HeldOut.Count} held out ({wordings.HeldOut.Count(q => wordings.JudgmentsHeldOut.Contains(q.Id))} of needs the judgments hold out); {councilUsers.Count} councils ({councilUsers.Count(u => u.Kind == UserKind.Keyed)} keyed), {readers.Count} anonymous readers, {hostile.Count} hostile clients (targets: {string.Join(", ", hostileTargets)}); client addresses {(loopback ? "127.0.0.2 upwards" : "all this machine's")}");

var retraining = new Retraining(redis, options.Redis, options.ReportFolder);
var measured = new List<HeldOutMeasurement.Figures>();
async Task MeasureAsync(string label, int events)
{
    var figures = await HeldOutMeasurement.MeasureAsync(label, events, measurer, wordings.HeldOut, judgments.Qrels, hostileTargets, ct);
    measured.Add(figures);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {figures.IndexVersion}: P@5 useful {figures.PrecisionAt5:0.000}, useless {figures.Useless} of {figures.Shown} shown, nDCG@10 {figures.Ndcg10:0.000}, hostile targets in a top 5: {figures.HostileInTop5}"));
}

async Task RetrainAsync(bool feedback, string label)
{
    var outcome = await retraining.RunAsync(feedback, label, ct);
    Console.Error.WriteLine(outcome.Output);
    if (outcome.ExitCode != 0)
    {
        Console.Error.WriteLine($"retrain exited {outcome.ExitCode}: {outcome.Error.Trim()}");
    }

    if (outcome.Current is { } current)
    {
        await Retraining.WaitServedAsync(measurer, current, ct);
    }
}

await MeasureAsync("as started", 0);
await RetrainAsync(feedback: false, "judgments-only");
await MeasureAsync("retrained on the judgments, no feedback", 0);

var accepted = 0;
var refused = new Dictionary<string, int>(StringComparer.Ordinal);
var asks = 0;
foreach (var checkpoint in options.Checkpoints)
{
    while (accepted < checkpoint)
    {
        ct.ThrowIfCancellationRequested();
        asks++;
        var roll = random.NextDouble();
        var user = roll < options.HostileShare ? hostile[random.Next(hostile.Count)]
            : roll < options.HostileShare + options.AnonymousShare ? readers[random.Next(readers.Count)]
            : councilUsers[random.Next(councilUsers.Count)];
        var wording = wordings.Asked[random.Next(wordings.Asked.Count)];
        var request = wording.ToServedRequest(10) with { Limit = null, Council = user.Council ?? wording.Council };
        var response = await user.Client.RecommendAsync(request, ct);
        if (response?.RequestId is not { } requestId)
        {
            refused["recommendation"] = refused.GetValueOrDefault("recommendation") + 1;
            continue;
        }

        IEnumerable<(string Practice, string Signal)> posts = user.Kind == UserKind.Hostile
            ? Enumerable.Repeat((user.Target!, "useful"), options.HostileBurst)
            : model.React(
                [.. response.Results.Concat(response.Related).Select((r, i) => new UserModel.Shown(r.Practice.Id, i + 1))],
                judgments.Qrels.For(wording.Id))
                .Select(v => (v.Practice.PracticeId, v.Signal));
        foreach (var (practice, signal) in posts)
        {
            var body = new JsonObject { ["request_id"] = requestId, ["practice_id"] = practice, ["signal"] = signal };
            if (user.Council is not null && user.Kind != UserKind.Hostile)
            {
                body["council"] = user.Council;
            }

            // Where the practice was shown is not the client's to say: ingest looks it up in the answer.
            var (status, problem) = await user.Client.PostFeedbackAsync(body, user.Key, ct);

            if (status == HttpStatusCode.Accepted)
            {
                accepted++;
            }
            else
            {
                var reason = $"{(int)status} {user.Kind}";
                refused[reason] = refused.GetValueOrDefault(reason) + 1;
                if (refused[reason] == 1)
                {
                    Console.Error.WriteLine($"first refusal {reason}: {problem}");
                }
            }
        }
    }

    Console.Error.WriteLine($"{accepted} feedback events accepted after {asks} questions (refused: {string.Join(", ", refused.Select(r => $"{r.Key} x{r.Value}"))}); waiting for ingest, then retraining");
    await retraining.WaitForLogAsync(accepted, ct);
    await RetrainAsync(feedback: true, $"after-{checkpoint}");
    await MeasureAsync($"after {checkpoint} events", accepted);
}

var report = SimulationReport.Write(measured, wordings);
Console.WriteLine(report);
if (options.JsonFile is not null)
{
    await File.WriteAllTextAsync(options.JsonFile, JsonSerializer.Serialize(measured.Select(m => new
    {
        m.Label, m.IndexVersion, m.Events, p_at_5 = m.PrecisionAt5, m.Useless, m.Shown, ndcg_at_10 = m.Ndcg10, hostile_in_top_5 = m.HostileInTop5,
        queries = m.Queries,
    }), new JsonSerializerOptions { WriteIndented = true }), ct);
}

foreach (var user in councilUsers.Concat(readers).Concat(hostile))
{
    user.Client.Dispose();
}

return 0;

static Dictionary<string, string> ReadKeys(string path) =>
    File.ReadLines(path)
        .Select(l => l.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Where(p => p.Length == 2 && !p[0].StartsWith('#'))
        .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
