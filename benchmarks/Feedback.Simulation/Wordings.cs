extern alias IngestApp;

using System.Security.Cryptography;
using System.Text;
using IngestApp::Recommend.Ingest.Training;

namespace Recommend.Benchmarks.FeedbackSimulation;

/// <summary>
/// Which wordings the simulated councils ask and which are kept to measure on: for every need with
/// two or more wordings, one (by a hash of its id) is held out and never asked; the others are asked.
/// A need with one wording is only asked. So learning is measured on wordings nobody gave feedback
/// on, of needs others did: it must transfer from one wording to another. The judgments' own split
/// (<see cref="HeldOutSplit"/>) is reported apart: its needs trained neither reranker nor floor.
/// </summary>
public sealed record Wordings(IReadOnlyList<JudgedQuery> Asked, IReadOnlyList<JudgedQuery> HeldOut, IReadOnlySet<string> JudgmentsHeldOut)
{
    public static Wordings Split(IReadOnlyList<JudgedQuery> queries)
    {
        var asked = new List<JudgedQuery>();
        var heldOut = new List<JudgedQuery>();
        foreach (var need in queries.GroupBy(q => q.Need ?? q.Id, StringComparer.Ordinal))
        {
            var wordings = need.OrderBy(q => Hash(q.Id), StringComparer.Ordinal).ToList();
            if (wordings.Count >= 2)
            {
                heldOut.Add(wordings[0]);
                asked.AddRange(wordings.Skip(1));
            }
            else
            {
                asked.AddRange(wordings);
            }
        }

        var judgmentsHeldOut = HeldOutSplit.Split(queries).HeldOut.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        return new Wordings(asked, heldOut, judgmentsHeldOut);
    }

    private static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("simulation:" + id)));
}
