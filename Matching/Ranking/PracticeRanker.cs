using Recommend.Contracts.Practices;
using Recommend.Contracts.Recommendations;
using Recommend.Matching.Ranking.Learned;
using Recommend.Matching.Ranking.Relevance;
using Recommend.Matching.Ranking.Reported;

namespace Recommend.Matching.Ranking;

/// <summary>
/// Turns a request into a ranked, explained shortlist: hard filters first (cost, evidence), then
/// the relevance floor (<see cref="RelevanceFloor"/>: only practices whose text match makes them
/// likely useful are recommended; the best of the rest are offered apart as related), then a
/// weighted sum of text relevance, context match, evidence strength, cost fit and priority fit
/// (<see cref="RankingWeights"/>) orders the recommended ones, then maximal marginal relevance for
/// variety among them, then paging. Context and the rest reorder practices above the floor and
/// never lift one over it. Every result says why it is there and, for a council, what differs from
/// where it was shown to work.
/// </summary>
public sealed class PracticeRanker(RankingWeights? weights = null, RelevanceFloor? floor = null)
{
    /// <summary>How many practices below the floor are offered as related.</summary>
    public const int RelatedCount = 5;

    /// <summary>How many text candidates are re-scored: enough that context can lift a good fit from further down. Retraining draws a question's answer (<see cref="FeedbackMemory.AnswerOf"/>) from as many, as serving does.</summary>
    public const int CandidatePoolSize = 200;

    /// <summary>A candidate must reach this share of the best text match: context may reorder relevant practices, not surface irrelevant ones.</summary>
    private const double MinTextRelevance = 0.35;

    /// <summary>A matching audience adds this share of the priority weight.</summary>
    private const double AudienceShare = 0.2;

    private readonly RankingWeights _weights = weights ?? RankingWeights.Default;
    private readonly RelevanceFloor _floor = floor ?? RelevanceFloor.Shipped;

    public RelevanceFloor Floor => _floor;

    public RankingWeights DefaultWeights => _weights;

    /// <summary>
    /// How much councils' reported outcomes move a practice within <c>results[]</c> at most (a share of
    /// the score, whose weights sum to 1): enough to order close calls by what councils saw happen,
    /// too little to outweigh a closer match or stronger evidence, and never a way over the floor.
    /// </summary>
    public const double ReportedOutcomeWeight = 0.05;

    /// <summary>
    /// Ranks and explains. <paramref name="reported"/> is what councils reported with their keys (adopters
    /// for "councils like yours", the summary beside the evidence, the outcome signal); none when null.
    /// <paramref name="questionVector"/> is the challenge's MiniLM embedding when the caller made it
    /// already (<see cref="PracticeIndex.MatchQuestion"/>); otherwise the index embeds the challenge.
    /// </summary>
    public RecommendationResponse Rank(PracticeIndex index, NormalisedRequest request, CouncilRankingContext? council = null, ReportedAdoptions? reported = null, float[]? questionVector = null) =>
        Present(index, Score(index, request, council, reported: reported, questionVector: questionVector), request, council, reported);

    /// <summary>
    /// The answer made of scored candidates: those that clear the floor ordered for variety and
    /// paged as <c>results</c>, the best of the rest as <c>related</c>. Apart from <see cref="Rank"/>
    /// so an evaluation can try other floors on candidates scored once.
    /// </summary>
    public static RecommendationResponse Present(PracticeIndex index, ScoredCandidates scored, NormalisedRequest request, CouncilRankingContext? council = null, ReportedAdoptions? reported = null)
    {
        reported ??= ReportedAdoptions.None;
        var close = scored.Candidates.Where(c => c.ClearsFloor).ToList();
        var picked = MaximalMarginalRelevance.Select(
            close.Select(c => c.Score).ToList(),
            (a, b) => index.Similarity(close[a].Match.Doc, close[b].Match.Doc),
            request.Diversity,
            request.Offset + request.Limit);

        var results = picked
            .Skip(request.Offset)
            .Select((c, i) => ToResult(close[c], request.Offset + i + 1, request, council, reported))
            .ToList();

        // Related practices share some of the challenge's words or meaning but fell below the floor:
        // shown apart, the likeliest to be useful first (not by score: context or evidence would put a
        // well-evidenced practice from the council's kind of place before a closer theme), numbered
        // after the recommendations so every shown rank is distinct.
        var related = scored.Candidates
            .Where(c => !c.ClearsFloor)
            .OrderByDescending(c => c.Relevance)
            .ThenBy(c => c.Practice.Id, StringComparer.Ordinal)
            .Take(RelatedCount)
            .Select((c, i) => ToResult(c, close.Count + i + 1, request, council, reported))
            .ToList();

        var weights = scored.Weights;
        return new RecommendationResponse
        {
            RequestId = $"{index.Version}.{request.CacheKey}",
            IndexVersion = index.Version,
            Cached = false,
            Ranker = scored.Learned ? RankerNames.Learned : RankerNames.Weighted,
            Council = council is null ? null : Summarise(council),
            ContextNote = council is null ? null : ContextNote(council.Council, picked.Take(request.Offset + request.Limit).Select(c => close[c]).ToList()),
            MatchNote = MatchNote(close.Count, request.Offset + request.Limit, related.Count),
            Weights = new AppliedWeights(weights.Text, weights.Context, weights.Evidence, weights.Cost, weights.Priority, request.Diversity),
            Total = close.Count,
            Offset = request.Offset,
            Limit = request.Limit,
            Results = results,
            Related = related,
        };
    }

    /// <summary>Said when fewer practices match closely than were asked for, so a short list reads as a finding, not a fault.</summary>
    public static string? MatchNote(int close, int asked, int related) => close >= asked
        ? null
        : close == 0
            ? related > 0
                ? "No practice in the catalogue matches this challenge closely. The related practices share some of its themes; describing the problem in other words may find more."
                : "No practice in the catalogue matches this challenge. Describing the problem in other words may find some."
            : $"{close} practice{(close == 1 ? " matches" : "s match")} this closely{(related > 0 ? "; related practices are listed apart" : "")}.";

    /// <summary>
    /// Every candidate that passes the filters, scored but not yet diversified or paged: what
    /// <see cref="Rank"/> orders, and what retraining learns from and evaluates. The score is the
    /// weighted sum of the parts; when the version carries a learned reranker and the request does
    /// not set its own weights, the reranker's blended correction is added to it (the parts stay its inputs).
    /// Retraining sets <paramref name="leaveOutOwnFeedback"/> to ignore feedback given on this very challenge
    /// (<see cref="FeedbackMemory.KeyOf"/>) and measure what feedback on other wordings tells about it.
    /// </summary>
    public ScoredCandidates Score(PracticeIndex index, NormalisedRequest request, CouncilRankingContext? council = null, bool useReranker = true, ReportedAdoptions? reported = null, bool leaveOutOwnFeedback = false, float[]? questionVector = null)
    {
        reported ??= ReportedAdoptions.None;
        var weights = request.Weights is { } w ? _weights.Override(w.Text, w.Context, w.Evidence, w.Cost, w.Priority) : _weights;
        var reranker = useReranker && request.Weights is null ? index.Reranker : null;
        // One embedding of the challenge serves the dense side, the floor's cosine features and the feedback memory.
        var (matches, vector) = index.MatchQuestion(request.Challenge, CandidatePoolSize, questionVector);
        var feedback = index.Feedback.For(vector, leaveOutOwnFeedback ? FeedbackMemory.KeyOf(request.Challenge) : null, FeedbackMemory.AnswerOf(matches.Select(m => index.Practices[m.Doc].Id)));
        Func<string, bool>? isNear = council is null
            ? null
            : code => string.Equals(code, council.Council.Code, StringComparison.OrdinalIgnoreCase)
                || (council.Neighbours.TryGetValue(code, out var rank) && rank <= ContextMatcher.CloseNeighbourRank);
        var best = matches.Count > 0 ? matches.Max(m => m.Score) : 0;
        var bestLexical = matches.Count > 0 ? matches.Max(m => m.LexicalScore) : 0;
        var withSemantic = index.IsHybrid;
        var audience = AudienceMatch.Of(request.Challenge);
        var relevance = RelevanceFeatures.Of(matches, doc => index.Practices[doc].ServiceAreas.FirstOrDefault(), doc => AudienceMatch.Mismatch(audience, AudienceMatch.Of(index.Practices[doc])));

        var candidates = new List<ScoredCandidate>();
        for (var m = 0; m < matches.Count; m++)
        {
            var match = matches[m];
            var practice = index.Practices[match.Doc];
            var textShare = best > 0 ? match.Score / best : 0;
            if (textShare < MinTextRelevance || !PassesFilters(practice, request))
            {
                continue;
            }

            var relevant = relevance[m];
            // What councils said about this practice for questions like this one may tip it over the
            // floor or under it, within the bounds the version's memory sets; never the council's own
            // context (the floor does not depend on who asks).
            var evidence = feedback.Of(practice.Id, isNear);
            var usefulChance = feedback.Use.Adjust(_floor.Probability(relevant, withSemantic), evidence.Net);
            // Figures only: the verdicts and notes are written for the few results shown (ToResult).
            var context = council is null ? ContextScore.None : ContextScorer.Score(council.Council, practice, council.Neighbours, reported.RunningAdopters(practice.Id));
            var parts = new ScoreParts(
                Text: textShare,
                Context: context.Score,
                Evidence: EvidenceStrength(practice.Evidence),
                Cost: CostFit(practice, request.Capacity),
                Priority: PriorityFit(practice, request),
                Reported: reported.OutcomeSignal(practice.Id));
            var weighted = (weights.Text * parts.Text) + (weights.Context * parts.Context) + (weights.Evidence * parts.Evidence)
                + (weights.Cost * parts.Cost) + (weights.Priority * parts.Priority) + (ReportedOutcomeWeight * parts.Reported);
            var features = RankingFeatures.Of(weighted, parts, match, bestLexical, practice, context, evidence);
            var score = reranker is null ? weighted : reranker.Rescore(weighted, features);
            candidates.Add(new ScoredCandidate(match, practice, context, parts, features, score, relevant, usefulChance));
        }

        var clearing = RelevanceFloor.Clearing([.. candidates.Select(c => c.Relevance)], withSemantic ? _floor.Hybrid : _floor.Lexical);
        return new ScoredCandidates([.. candidates.Select((c, i) => c with { ClearsFloor = clearing[i] })], weights, reranker is not null);
    }

    private static bool PassesFilters(Practice practice, NormalisedRequest request) =>
        (request.MaxCostBand is not { } maxCost || practice.Cost.Band is not { } band || band <= maxCost)
        && (request.MinEvidenceLevel is not { } minLevel
            || (practice.Evidence.Level is { } level && level >= minLevel && practice.Evidence.EffectDirection is not ("negative" or "none")
                && !EvidenceScales.IsVolumeOnly(practice.Evidence.RatingScale)));

    /// <summary>
    /// 0..1 from the Nesta level, pulled down for negative or absent effects: strong evidence that something
    /// does not work is not a reason to rank it higher. A count of studies (an evidence map) is no evidence of
    /// effect at all, however large, so it scores nothing here.
    /// </summary>
    public static double EvidenceStrength(Evidence evidence)
    {
        if (EvidenceScales.IsVolumeOnly(evidence.RatingScale))
        {
            return 0;
        }

        var level = (evidence.Level ?? 0) / 5.0;
        return evidence.EffectDirection switch
        {
            "positive" => level,
            "mixed" => level * 0.5,
            "none" or "negative" => 0,
            _ => level * 0.4,
        };
    }

    /// <summary>Cheaper and quicker to start scores higher; a low-capacity council feels cost and set-up time twice as much.</summary>
    public static double CostFit(Practice practice, string? capacity)
    {
        var fit = practice.Cost.Band is { } band ? 1 - ((band - 1) / 4.0) : 0.5;
        if (practice.Implementation?.SetupMonths is > 12)
        {
            fit *= 0.8;
        }

        return capacity switch
        {
            "low" => fit * fit,
            "high" => Math.Sqrt(fit),
            _ => fit,
        };
    }

    /// <summary>Share of the requested priority weight the practice serves (its primary area fully, others at 70%), plus a little for a matching audience.</summary>
    public static double PriorityFit(Practice practice, NormalisedRequest request)
    {
        var fit = 0.0;
        if (request.Priorities.Count > 0)
        {
            var total = request.Priorities.Sum(p => p.Value);
            var served = request.Priorities.Sum(p => practice.ServiceAreas.Count > 0 && practice.ServiceAreas[0] == p.Key
                ? p.Value
                : practice.ServiceAreas.Contains(p.Key) ? 0.7 * p.Value : 0);
            fit = served / total;
        }

        if (request.Audience is { } audience && practice.Audiences.Contains(audience))
        {
            fit = Math.Min(1, fit + AudienceShare);
        }

        return fit;
    }

    /// <summary>
    /// One shown result. Its context verdicts, adaptation notes and priority areas are written here, for
    /// the practices an answer shows, not while scoring every candidate: the full match gives the same
    /// figures the candidate was ranked by (<see cref="ContextScorer"/>).
    /// </summary>
    private static RecommendationResult ToResult(ScoredCandidate candidate, int rank, NormalisedRequest request, CouncilRankingContext? council, ReportedAdoptions reported) => new()
    {
        Rank = rank,
        Practice = Summarise(candidate.Practice),
        Score = Math.Round(candidate.Score, 4),
        Relevance = Math.Round(candidate.Relevance, 3),
        ScoreParts = new ScoreParts(
            Math.Round(candidate.Parts.Text, 3), Math.Round(candidate.Parts.Context, 3), Math.Round(candidate.Parts.Evidence, 3),
            Math.Round(candidate.Parts.Cost, 3), Math.Round(candidate.Parts.Priority, 3), Math.Round(candidate.Parts.Reported, 3)),
        Explanation = ExplanationWriter.Write(candidate.Practice, candidate.Match, PriorityMatches(candidate.Practice, request), ContextOf(candidate.Practice, council, reported), request, council)
            with { Reported = reported.SummaryOf(candidate.Practice.Id) is { Councils: > 0 } summary ? summary : null },
    };

    /// <summary>The practice's service areas the request named as priorities, in the practice's order.</summary>
    private static List<string> PriorityMatches(Practice practice, NormalisedRequest request) =>
        practice.ServiceAreas.Where(a => request.Priorities.Any(p => p.Key == a)).ToList();

    /// <summary>The full context match of a shown practice, with the adopters the ranking counted.</summary>
    private static ContextMatch ContextOf(Practice practice, CouncilRankingContext? council, ReportedAdoptions reported) =>
        council is null ? ContextMatch.None : ContextMatcher.Match(council.Council, practice, council.Neighbours, reported.RunningAdopters(practice.Id));

    public static PracticeSummary Summarise(Practice practice) => new()
    {
        Id = practice.Id,
        Title = practice.Title,
        Summary = practice.Summary,
        ServiceAreas = practice.ServiceAreas,
        EvidenceLevel = practice.Evidence.Level,
        EvidenceRating = practice.Evidence.SourceRating,
        EffectDirection = practice.Evidence.EffectDirection,
        EvidenceLevelReason = practice.Evidence.LevelReason,
        CostBand = practice.Cost.Band,
        Source = practice.Source,
        SourceUrl = practice.SourceUrl,
        SourceUrlKind = practice.SourceUrlKind,
    };

    private static CouncilSummary Summarise(CouncilRankingContext council) => new(
        council.Council.Code,
        council.Council.Label,
        council.Council.Nation,
        council.Council.GovernanceType,
        council.Council.Population,
        council.Council.RuralUrban,
        council.Council.DeprivationDecile,
        [.. council.NearestNames]);

    private static string? ContextNote(CouncilContext council, List<ScoredCandidate> shown)
    {
        if (shown.Count == 0)
        {
            return null;
        }

        var strong = shown.Count(c => !c.Context.WeakForThisContext || c.Context.SimilarAdopters > 0);
        return strong == 0
            ? $"None of these practices has evidence from places like {council.Label}: they are shown because they match the challenge. Treat them as ideas to test locally, and read the adaptation notes."
            : null;
    }

}
