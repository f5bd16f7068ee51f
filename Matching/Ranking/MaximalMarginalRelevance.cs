namespace Recommend.Matching.Ranking;

/// <summary>
/// Re-orders scored candidates so the top of the list is not several variants of one idea:
/// each pick maximises (1 - diversity) * score - diversity * (its highest similarity to a pick
/// already made). Diversity 0 keeps the score order exactly.
/// </summary>
public static class MaximalMarginalRelevance
{
    public static List<int> Select(IReadOnlyList<double> scores, Func<int, int, double> similarity, double diversity, int count)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToList();
        if (diversity <= 0 || scores.Count == 0)
        {
            return [.. order.Take(count)];
        }

        var best = scores[order[0]];
        var normalised = scores.Select(s => best > 0 ? s / best : 0).ToArray();
        var maxSimilarity = new double[scores.Count];
        var picked = new List<int>(count);
        var remaining = new HashSet<int>(order);
        while (picked.Count < count && remaining.Count > 0)
        {
            var next = -1;
            var nextValue = double.NegativeInfinity;
            foreach (var candidate in order)
            {
                if (!remaining.Contains(candidate))
                {
                    continue;
                }

                var value = ((1 - diversity) * normalised[candidate]) - (diversity * maxSimilarity[candidate]);
                if (value > nextValue)
                {
                    nextValue = value;
                    next = candidate;
                }
            }

            picked.Add(next);
            remaining.Remove(next);
            foreach (var candidate in remaining)
            {
                maxSimilarity[candidate] = Math.Max(maxSimilarity[candidate], similarity(candidate, next));
            }
        }

        return picked;
    }
}
