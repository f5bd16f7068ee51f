using Recommend.Contracts.Practices;
using Recommend.Contracts.Recommendations;

namespace Recommend.Matching.Ranking;

/// <summary>Writes a result's explanation: what matched, how strong the evidence is, what it costs, and how the council's context compares.</summary>
public static class ExplanationWriter
{
    public static Explanation Write(Practice practice, TextMatch match, List<string> priorityMatches, ContextMatch context, NormalisedRequest request, CouncilRankingContext? council)
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
            parts.Add($"In your priority area{(priorityMatches.Count > 1 ? "s" : "")} {string.Join(", ", priorityMatches.Select(Humanise))}.");
        }
        else if (request.Priorities.Count > 0)
        {
            parts.Add("Outside the priority areas you named.");
        }

        var evidenceNote = EvidenceNote(practice.Evidence);
        parts.Add(evidenceNote);

        if (council is not null)
        {
            parts.Add(ContextSentence(council.Council, context));
        }

        return new Explanation
        {
            Text = string.Join(' ', parts),
            MatchedTerms = [.. match.MatchedTerms],
            MatchedPassage = BestPassage(practice, match.MatchedTerms),
            LexicalScore = Math.Round(match.LexicalScore, 4),
            SemanticSimilarity = match.SemanticSimilarity is { } s ? Math.Round(s, 4) : null,
            PriorityMatches = priorityMatches,
            EvidenceNote = evidenceNote,
            CostNote = CostNote(practice.Cost),
            Context = council is null ? null : [.. context.Fields.Select(f => new ContextFieldExplanation(f.Field, f.CouncilValue, [.. f.EvidenceValues], f.Verdict))],
            SimilarAdopters = council is null ? null : [.. context.SimilarAdopters.Select(a => new AdopterExplanation(a.Code, a.Name, a.Year, a.Status, a.NeighbourRank, a.IsThisCouncil, a.FromFeedback))],
            AdaptationNotes = council is null ? null : context.AdaptationNotes,
            WeakEvidenceForContext = council is not null && context.WeakForThisContext && context.SimilarAdopters.Count == 0,
        };
    }

    private static string ContextSentence(CouncilContext council, ContextMatch context)
    {
        var adopters = context.SimilarAdopters.Where(a => !a.IsThisCouncil).Select(a => a.Name).Take(3).ToList();
        var adopted = adopters.Count > 0 ? $" Adopted by similar councils: {string.Join(", ", adopters)}." : "";
        if (context.Coverage == 0)
        {
            return $"The source does not say where it was shown to work, so fit with {council.Label} is unknown.{adopted}";
        }

        var matched = context.Fields.Where(f => f.Verdict is ContextMatcher.Verdicts.Match or ContextMatcher.Verdicts.Close).Select(f => Humanise(f.Field)).ToList();
        var differs = context.Fields.Where(f => f.Verdict == ContextMatcher.Verdicts.Differs).Select(f => Humanise(f.Field)).ToList();
        var sentence = context.WeakForThisContext
            ? $"Little evidence from places like {council.Label}"
            : $"Evidence from places like {council.Label}";
        if (matched.Count > 0)
        {
            sentence += $" (similar {string.Join(", ", matched)})";
        }

        if (differs.Count > 0)
        {
            sentence += $"; differs on {string.Join(", ", differs)}: see the adaptation notes";
        }

        return sentence + "." + adopted;
    }

    public static string EvidenceNote(Evidence evidence)
    {
        if (EvidenceScales.IsVolumeOnly(evidence.RatingScale))
        {
            return $"Not rated for effect: the source counts {evidence.NStudies} {(evidence.NStudies == 1 ? "study" : "studies")} but does not say whether it works.";
        }

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

    public static string CostNote(Cost cost)
    {
        var band = cost.Band switch
        {
            1 => "very low cost",
            2 => "low cost",
            3 => "moderate cost",
            4 => "high cost",
            5 => "very high cost",
            _ => "cost not published",
        };
        return cost.Basis is { Length: > 0 } basis ? $"{band} ({basis})" : band;
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

    private static string Humanise(string field) => field.Replace('_', ' ');
}
