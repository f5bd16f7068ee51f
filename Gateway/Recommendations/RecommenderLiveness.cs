using System.Diagnostics;
using Microsoft.Extensions.Options;
using Recommend.Gateway.Unavailable;

namespace Recommend.Gateway.Recommendations;

/// <summary>
/// Does any recommender answer? Found by asking for its readiness (<c>/health</c>) every
/// <see cref="RecommenderProbeOptions.Interval"/> on a client of its own (one attempt, no retries).
/// Calls to the recommender ask here first: while none answers they fail at once with a 503, and
/// calls already waiting are cancelled the moment the probes find none. That is what keeps "every recommender down" a prompt 503 behind a
/// proxy that accepts connections for replicas that are all gone: Aspire's local proxy holds such a
/// connection open without a word (measured: over 60 s), so no connect timeout ever fires and a call
/// would otherwise wait out its whole resilience budget. The first answer after an outage lets calls
/// through again. A slow replica is not "down": only no answer to any probe for
/// <see cref="RecommenderProbeOptions.DownAfter"/> counts, and any answer, however late, is one.
/// </summary>
public sealed partial class RecommenderLiveness(
    IHttpClientFactory clients,
    IOptions<RecommenderProbeOptions> options,
    ILogger<RecommenderLiveness> logger) : BackgroundService
{
    public const string ProbeClientName = "recommender-probe";
    public const string ProbePath = "/health";

    // A probe this old is given up (its socket freed); a late answer before then still counts.
    private static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private CancellationTokenSource _untilDown = new();
    private long _lastAnswerAt = Stopwatch.GetTimestamp();
    private RecommenderProbe _probe = RecommenderProbe.NotYet;

    /// <summary>What the probes found last (for readiness and the dashboard).</summary>
    public RecommenderProbe Probe
    {
        get
        {
            lock (_gate)
            {
                return _probe;
            }
        }
    }

    /// <summary>
    /// A token that is cancelled when the probes find that no recommender answers; link a call to it.
    /// Throws <see cref="RecommenderDownException"/> when none answers now, so the caller does not even try.
    /// </summary>
    public CancellationToken WhileAnswering()
    {
        lock (_gate)
        {
            return _probe.NoneAnswers ? throw new RecommenderDownException(_probe.Describe()) : _untilDown.Token;
        }
    }

    /// <summary>
    /// A call got its answer from a recommender: as good a sign of life as a probe's, and a surer one
    /// under load. Behind a proxy that picks a replica per connection, every probe in a 1.5 s stretch can
    /// land on a replica that was just killed (the proxy holds those connections without a word) while
    /// calls keep getting answers from the one that is left; counting only probes could then declare "none
    /// answers" and cancel calls on a live replica (the likely cause of a fault-test failure seen once in
    /// ten runs). It never ends an outage:
    /// while none answers no call is made, so only a probe's answer lets calls through again.
    /// </summary>
    public void CallAnswered()
    {
        lock (_gate)
        {
            _lastAnswerAt = Stopwatch.GetTimestamp();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var http = clients.CreateClient(ProbeClientName);
        var settings = options.Value;
        using var ticks = new PeriodicTimer(settings.Interval);
        var probes = new List<Task>();
        var previousTick = Stopwatch.GetTimestamp();
        try
        {
            do
            {
                // A tick that comes late means this process itself was held up (a busy machine): answers
                // that arrived meanwhile may not be counted yet, so judge silence on the next tick only.
                var onTime = Stopwatch.GetElapsedTime(previousTick) <= 2 * settings.Interval;
                previousTick = Stopwatch.GetTimestamp();

                // Probes overlap: one left hanging does not hold up the next, and any answer counts.
                foreach (var done in probes.Where(p => p.IsCompleted).ToList())
                {
                    await done;
                    probes.Remove(done);
                }

                probes.Add(ProbeAsync(http, stoppingToken));
                if (onTime)
                {
                    CheckSilence(settings.DownAfter);
                }
            }
            while (await ticks.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The gateway is stopping; the probes in flight end on the same token.
        }

        await Task.WhenAll(probes);
    }

    /// <summary>
    /// One readiness request on a connection of its own (closed after the answer), so a proxy in front
    /// of several replicas picks one afresh each time and one stalled replica cannot hide the others.
    /// </summary>
    private async Task ProbeAsync(HttpClient http, CancellationToken stoppingToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attempt.CancelAfter(AbandonAfter);
        using var request = new HttpRequestMessage(HttpMethod.Get, ProbePath);
        request.Headers.ConnectionClose = true;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            RecordAnswer((int)response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // Refused or reset: no answer. Silence is judged by the clock, in CheckSilence.
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Abandoned: no answer.
        }
        catch (OperationCanceledException)
        {
            // The gateway is stopping.
        }
    }

    private void RecordAnswer(int status)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            if (_probe.NoneAnswers)
            {
                // A fresh token: the old one is cancelled for good.
                _untilDown = new CancellationTokenSource();
                var silent = Stopwatch.GetElapsedTime(_lastAnswerAt, now);
                LogAnswersAgain(logger, status, silent.TotalSeconds);
            }

            _lastAnswerAt = now;
            _probe = new RecommenderProbe(status, NoneAnswers: false, Silence: TimeSpan.Zero);
        }
    }

    private void CheckSilence(TimeSpan downAfter)
    {
        CancellationTokenSource? cancel = null;
        lock (_gate)
        {
            var silence = Stopwatch.GetElapsedTime(_lastAnswerAt);
            if (!_probe.NoneAnswers && silence >= downAfter)
            {
                cancel = _untilDown;
                LogNoneAnswers(logger, silence.TotalSeconds);
            }

            _probe = _probe with { NoneAnswers = _probe.NoneAnswers || silence >= downAfter, Silence = silence };
        }

        // Outside the lock: cancelling runs the waiting calls' callbacks. The source is not disposed:
        // calls may still hold its token, and a cancelled source holds nothing worth freeing early.
        cancel?.Cancel();
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            _untilDown.Dispose();
        }

        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No recommender answered for {Seconds:0.0} s: recommendations answer 503 at once until one does")]
    private static partial void LogNoneAnswers(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "A recommender answers again (HTTP {Status}) after {Seconds:0.0} s without an answer")]
    private static partial void LogAnswersAgain(ILogger logger, int status, double seconds);
}

/// <summary>
/// What the probes found: the last readiness status code a recommender answered (null before any
/// did), whether none answers now, and for how long nothing has answered.
/// </summary>
public sealed record RecommenderProbe(int? Status, bool NoneAnswers, TimeSpan Silence)
{
    public static readonly RecommenderProbe NotYet = new(null, NoneAnswers: false, TimeSpan.Zero);

    public string Describe() => NoneAnswers
        ? $"no recommender has answered for {Silence.TotalSeconds:0.0} s"
        : Status is { } status ? $"a recommender answers (HTTP {status})" : "no recommender probed yet";
}
