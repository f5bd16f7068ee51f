using Recommend.Matching.Ranking;

namespace Recommend.Recommender.Index;

/// <summary>
/// The active index, swapped atomically when a new version is loaded: requests in flight finish on
/// the version they started with, new ones see the new version.
/// </summary>
public sealed class IndexHolder
{
    private PracticeIndex? _current;

    public PracticeIndex? Current => Volatile.Read(ref _current);

    public void Swap(PracticeIndex index) => Volatile.Write(ref _current, index);
}
