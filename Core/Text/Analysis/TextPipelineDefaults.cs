namespace Recommend.Core.Text.Analysis;

/// <summary>One seed for every MLContext in the text pipeline, so fitted vocabularies are reproducible.</summary>
public static class TextPipelineDefaults
{
    public const int Seed = 20251126;
}
