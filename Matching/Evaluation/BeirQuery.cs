namespace Recommend.Matching.Evaluation;

/// <summary>A BEIR query: its id and text.</summary>
public sealed record BeirQuery(string Id, string Text);
