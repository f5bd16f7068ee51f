using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Recommend.Ingest.Training;

/// <summary>
/// Which judged queries train the reranker and which are held out to compare models: within each
/// service area the queries are ordered by a hash of their id and every third is held out, so each
/// area is measured, and the same query always lands on the same side (runs compare).
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
            var ordered = area.OrderBy(q => Hash(q.Id)).ThenBy(q => q.Id, StringComparer.Ordinal).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                (i % Every == Every - 1 ? heldOut : train).Add(ordered[i]);
            }
        }

        return (train, heldOut);
    }

    public static bool IsHeldOut(IReadOnlyList<JudgedQuery> queries, string id) => Split(queries).HeldOut.Any(q => q.Id == id);

    private static ulong Hash(string id) => BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
