namespace Recommend.Matching.Text;

/// <summary>A document as the matching core sees it: an id, a short title field and a longer body field.</summary>
public sealed record TextDocument(string Id, string Title, string Body);
