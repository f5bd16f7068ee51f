using Recommend.Core.Practices;
using Recommend.Core.Recommendations;

namespace Recommend.Core.Ranking;

/// <summary>
/// Turns text matches into a ranked, explained shortlist: text relevance first, nudged by the
/// council's priorities and by evidence strength, each result saying why it is there.
/// </summary>
public sealed class PracticeRanker(RankingWeights? weights = null)
{
    private readonly RankingWeights _weights = weights ?? RankingWeights.Default;

    /// <summary>How many text candidates to consider before re-scoring (a few times the page size).</summary>
    private const int CandidatePoolSize = 200;

    public RecommendationResponse Rank(PracticeIndex index, NormalisedRequest request)
    {
        var matches = index.MatchText(request.Challenge, CandidatePoolSize);
        if (matches.Count == 0)
        {
            return new RecommendationResponse { IndexVersion = index.Version, Cached = false, Results = [] };
        }

        var best = matches.Max(m => m.Score);
        var priorities = request.Priorities.ToHashSet(StringComparer.Ordinal);
        var scored = matches
            .Select(match =>
            {
                var practice = index.Practices[match.Doc];
                var relevance = best > 0 ? match.Score / best : 0;
                var priorityMatches = practice.ServiceAreas.Where(priorities.Contains).ToList();
                var evidence = EvidenceStrength(practice.Evidence);
                var score = relevance * (1 + (priorityMatches.Count > 0 ? _weights.Priority : 0) + (_weights.Evidence * evidence));
                return (match, practice, priorityMatches, score);
            })
            .OrderByDescending(s => s.score)
            .ThenBy(s => s.practice.Id, StringComparer.Ordinal)
            .Take(request.Limit)
            .Select((s, i) => new RecommendationResult
            {
                Rank = i + 1,
                Practice = Summarise(s.practice),
                Score = Math.Round(s.score, 4),
                Explanation = Explain(s.practice, s.match, s.priorityMatches, request),
            })
            .ToList();

        return new RecommendationResponse { IndexVersion = index.Version, Cached = false, Results = scored };
    }

    /// <summary>0..1 from the Nesta level, pulled down for negative or absent effects: strong evidence that something does not work is not a reason to rank it higher.</summary>
    public static double EvidenceStrength(Evidence evidence)
    {
        var level = (evidence.Level ?? 0) / 5.0;
        return evidence.EffectDirection switch
        {
            "positive" => level,
            "mixed" => level * 0.5,
            "none" or "negative" => 0,
            _ => level * 0.5,
        };
    }

    public static PracticeSummary Summarise(Practice practice) => new()
    {
        Id = practice.Id,
        Title = practice.Title,
        Summary = practice.Summary,
        ServiceAreas = practice.ServiceAreas,
        EvidenceLevel = practice.Evidence.Level,
        EvidenceRating = practice.Evidence.SourceRating,
        EffectDirection = practice.Evidence.EffectDirection,
        CostBand = practice.Cost.Band,
        SourceUrl = practice.SourceUrl,
    };

    private static Explanation Explain(Practice practice, TextMatch match, List<string> priorityMatches, NormalisedRequest request)
    {
        var parts = new List<string>();
        if (match.MatchedTerms.Count > 0)
        {
            parts.Add($"Matches your challenge on {string.Join(", ", match.MatchedTerms.Take(6).Select(t => $"'{t}'"))}.");
        }
        else if (match.SemanticSimilarity is { } similarity)
        {
            parts.Add($"No shared words, but close in meaning to your challenge (similarity {similarity:0.00}).");
        }

        if (priorityMatches.Count > 0)
        {
            parts.Add($"In your priority area{(priorityMatches.Count > 1 ? "s" : "")} {string.Join(", ", priorityMatches)}.");
        }
        else if (request.Priorities.Count > 0)
        {
            parts.Add("Outside the priority areas you named.");
        }

        var evidenceNote = EvidenceNote(practice.Evidence);
        parts.Add(evidenceNote);
        return new Explanation
        {
            Text = string.Join(' ', parts),
            MatchedTerms = match.MatchedTerms.ToList(),
            MatchedPassage = BestPassage(practice, match.MatchedTerms),
            LexicalScore = Math.Round(match.LexicalScore, 4),
            SemanticSimilarity = match.SemanticSimilarity is { } s ? Math.Round(s, 4) : null,
            PriorityMatches = priorityMatches,
            EvidenceNote = evidenceNote,
        };
    }

    public static string EvidenceNote(Evidence evidence)
    {
        var level = evidence.Level is { } l ? $"evidence level {l} of 5 (Nesta)" : "unrated evidence";
        var rating = evidence.SourceRating is { Length: > 0 } r ? $"; source rating: {r}" : "";
        return evidence.EffectDirection switch
        {
            "negative" => $"Caution: the evidence suggests this can make things worse ({level}{rating}).",
            "none" => $"Caution: evaluations found no clear effect ({level}{rating}).",
            "mixed" => $"Mixed results ({level}{rating}).",
            "unknown" => $"Effect not yet known ({level}{rating}).",
            _ => $"Positive effect reported ({level}{rating}).",
        };
    }

    /// <summary>The sentence of the description that holds most matched terms: what a reader checks first.</summary>
    public static string? BestPassage(Practice practice, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
        {
            return null;
        }

        var sentences = practice.Description.Split(". ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var best = sentences
            .Select(s => (sentence: s, hits: terms.Count(t => s.Contains(t, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(x => x.hits)
            .FirstOrDefault();
        return best.hits > 0 ? best.sentence.TrimEnd('.') + "." : null;
    }
}
