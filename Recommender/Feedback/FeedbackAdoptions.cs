using Recommend.Matching.Ranking;

namespace Recommend.Recommender.Feedback;

/// <summary>
/// The "adopted" feedback this recommender knows (practice id to the councils that reported adopting
/// it), swapped as a whole by <see cref="FeedbackAdoptionsLoader"/>; reading it never waits.
/// </summary>
public sealed class FeedbackAdoptions
{
    private IReadOnlyDictionary<string, IReadOnlyList<FeedbackAdopter>> _current = new Dictionary<string, IReadOnlyList<FeedbackAdopter>>();

    public IReadOnlyDictionary<string, IReadOnlyList<FeedbackAdopter>> Current => Volatile.Read(ref _current);

    public void Swap(IReadOnlyDictionary<string, IReadOnlyList<FeedbackAdopter>> adoptions) => Volatile.Write(ref _current, adoptions);
}
