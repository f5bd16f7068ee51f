namespace Recommend.Matching.Ranking.Relevance;

/// <summary>Who a text is about: children and young people, adults, both, or neither named.</summary>
[Flags]
public enum Audience
{
    Unnamed = 0,
    Children = 1,
    Adults = 2,
}
