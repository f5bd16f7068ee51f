using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Recommend.Ingest.Training;

/// <summary>
/// Which judged queries train the reranker (and calibrate the relevance floor) and which are held out
/// to compare models: within each service area the needs are ordered by a hash and every third is
/// held out with all its wordings, so each area is measured, no wording of a held-out need is learned
/// from, and the same query always lands on the same side (runs compare). A query without a need is
/// its own need.
/// </summary>
public static class HeldOutSplit
{
    public const int Every = 3;

    public static (IReadOnlyList<JudgedQuery> Train, IReadOnlyList<JudgedQuery> HeldOut) Split(IReadOnlyList<JudgedQuery> queries)
    {
        var train = new List<JudgedQuery>();
        var heldOut = new List<JudgedQuery>();
        foreach (var area in queries.GroupBy(q => q.Area, StringComparer.Ordinal))
        {
            var needs = area.GroupBy(NeedOf, StringComparer.Ordinal).OrderBy(n => Hash(n.Key)).ThenBy(n => n.Key, StringComparer.Ordinal).ToList();
            for (var i = 0; i < needs.Count; i++)
            {
                (i % Every == Every - 1 ? heldOut : train).AddRange(needs[i]);
            }
        }

        return (train, heldOut);
    }

    public static bool IsHeldOut(IReadOnlyList<JudgedQuery> queries, string id) => Split(queries).HeldOut.Any(q => q.Id == id);

    private static string NeedOf(JudgedQuery query) => query.Need ?? query.Id;

    private static ulong Hash(string id) => BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
