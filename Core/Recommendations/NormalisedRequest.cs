using System.Security.Cryptography;
using System.Text;
using Recommend.Core.Practices;

namespace Recommend.Core.Recommendations;

/// <summary>
/// A request reduced to what changes the answer: trimmed, case- and whitespace-folded, priorities
/// sorted and de-duplicated, defaults filled in. Two requests that mean the same thing have the
/// same <see cref="CacheKey"/>, whatever their field order, case or spacing.
/// </summary>
public sealed record NormalisedRequest
{
    public required string Challenge { get; init; }
    public string? Council { get; init; }
    public required IReadOnlyList<string> Priorities { get; init; }
    public required int Limit { get; init; }

    /// <summary>Call only on a request that passed <see cref="RecommendationRequestValidator"/>.</summary>
    public static NormalisedRequest From(RecommendationRequest request)
    {
        var challenge = string.Join(' ', (request.Challenge ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        var council = string.IsNullOrWhiteSpace(request.Council) ? null : request.Council.Trim().ToUpperInvariant();
        var priorities = (request.Priorities ?? [])
            .Select(ServiceArea.Normalise)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new NormalisedRequest
        {
            Challenge = challenge,
            Council = council,
            Priorities = priorities,
            Limit = request.Limit ?? RecommendationRequestValidator.DefaultLimit,
        };
    }

    /// <summary>A SHA-256 over a fixed-order rendering of the normalised fields (hex, 32 chars).</summary>
    public string CacheKey
    {
        get
        {
            var canonical = new StringBuilder()
                .Append("c=").Append(Challenge).Append('\n')
                .Append("council=").Append(Council).Append('\n')
                .Append("p=").Append(string.Join(',', Priorities)).Append('\n')
                .Append("limit=").Append(Limit)
                .ToString();
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
            return Convert.ToHexStringLower(hash.AsSpan(0, 16));
        }
    }
}
