using System.Text.Json;

namespace Recommend.Contracts.Recommendations;

/// <summary>
/// Turns a recommender's answer (the UTF-8 JSON of a <see cref="RecommendationResponse"/>) into the
/// bytes a cache serves, saying <c>"cached": true</c>, without parsing it into objects and writing
/// it again: one forward read of the top-level properties (nested ones are skipped, and reading
/// stops once both are found; the recommender writes them first) finds the index version and the
/// position of <c>false</c>, and the copy has <c>true</c> in its place. Everything else is the
/// recommender's bytes, unchanged.
/// </summary>
public static class CachedAnswerBytes
{
    private static ReadOnlySpan<byte> True => "true"u8;

    /// <summary>The index version the answer was ranked with and its cached copy; null when the bytes are not such an answer.</summary>
    public static (string IndexVersion, byte[] Cached)? Mark(ReadOnlySpan<byte> answer)
    {
        string? version = null;
        (int Start, int Length)? flag = null;
        var sawFlag = false;
        var reader = new Utf8JsonReader(answer);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while ((version is null || !sawFlag) && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("index_version"u8);
                var isFlag = !isVersion && reader.ValueTextEquals("cached"u8);
                reader.Read();
                if (isVersion && reader.TokenType == JsonTokenType.String)
                {
                    version = reader.GetString();
                }
                else if (isFlag && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    sawFlag = true;
                    flag = reader.TokenType == JsonTokenType.False ? ((int)reader.TokenStartIndex, (int)reader.BytesConsumed - (int)reader.TokenStartIndex) : null;
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        if (version is null || !sawFlag)
        {
            return null;
        }

        if (flag is not { } at)
        {
            return (version, answer.ToArray());
        }

        var cached = new byte[answer.Length - at.Length + True.Length];
        answer[..at.Start].CopyTo(cached);
        True.CopyTo(cached.AsSpan(at.Start));
        answer[(at.Start + at.Length)..].CopyTo(cached.AsSpan(at.Start + True.Length));
        return (version, cached);
    }
}
