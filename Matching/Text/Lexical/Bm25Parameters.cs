namespace Recommend.Matching.Text.Lexical;

/// <summary>
/// BM25 with two fields, BM25F-style: field term frequencies are weighted and added before the
/// saturation curve, so a word in the title counts as <see cref="TitleWeight"/> body occurrences.
/// With <see cref="PerFieldLength"/> off, one length normalisation covers the weighted title+body
/// (with both weights 1 this is exactly BM25 over the concatenated text, as Lucene/Anserini "flat").
/// With it on, each field is normalised by its own average length (Robertson and Zaragoza's BM25F).
/// </summary>
/// <param name="K1">Term-frequency saturation; Anserini's BEIR default is 0.9.</param>
/// <param name="B">Length normalisation from 0 (none) to 1 (full); Anserini's BEIR default is 0.4.</param>
/// <param name="TitleWeight">How many body occurrences one title occurrence is worth.</param>
/// <param name="BodyWeight">Weight of a body occurrence (1 unless tuned).</param>
/// <param name="PerFieldLength">Normalise each field by its own average length instead of the weighted total.</param>
public sealed record Bm25Parameters(float K1 = 0.9f, float B = 0.4f, float TitleWeight = 1f, float BodyWeight = 1f, bool PerFieldLength = false)
{
    public static Bm25Parameters Default { get; } = new();

    public void Validate()
    {
        if (!(K1 >= 0 && K1 <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(K1), K1, "k1 must be between 0 and 100");
        }

        if (!(B >= 0 && B <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(B), B, "b must be between 0 and 1");
        }

        if (!(TitleWeight >= 0 && BodyWeight >= 0 && TitleWeight + BodyWeight > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(TitleWeight), "field weights must be non-negative and not both zero");
        }
    }

    public override string ToString() =>
        FormattableString.Invariant($"k1={K1:0.###} b={B:0.###} title={TitleWeight:0.###} body={BodyWeight:0.###}{(PerFieldLength ? " per-field" : "")}");
}
