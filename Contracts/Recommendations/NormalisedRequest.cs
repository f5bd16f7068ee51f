using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Recommend.Contracts.Practices;

namespace Recommend.Contracts.Recommendations;

/// <summary>
/// A request reduced to what changes the answer: trimmed, case- and whitespace-folded, priorities
/// sorted and merged, defaults filled in. Two requests that mean the same thing have the same
/// <see cref="CacheKey"/>, whatever their field order, case or spacing.
/// </summary>
public sealed record NormalisedRequest
{
    public required string Challenge { get; init; }

    /// <summary>The council's canonical code once resolved (the recommender replaces what was typed).</summary>
    public string? Council { get; init; }
    public CouncilProfileRequest? Profile { get; init; }

    /// <summary>Area to weight, sorted by area.</summary>
    public required IReadOnlyList<KeyValuePair<string, double>> Priorities { get; init; }
    public int? MaxCostBand { get; init; }
    public int? MinEvidenceLevel { get; init; }
    public string? Capacity { get; init; }
    public string? Audience { get; init; }
    public required int Limit { get; init; }
    public required int Offset { get; init; }
    public WeightsRequest? Weights { get; init; }
    public required double Diversity { get; init; }

    /// <summary>Call only on a request that passed <see cref="RecommendationRequestValidator"/>.</summary>
    public static NormalisedRequest From(RecommendationRequest request)
    {
        var priorities = (request.Priorities ?? [])
            .GroupBy(p => ServiceArea.Normalise(p.Area), StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, double>(g.Key, g.Max(p => p.Weight)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        return new NormalisedRequest
        {
            Challenge = string.Join(' ', (request.Challenge ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant(),
            Council = string.IsNullOrWhiteSpace(request.Council) ? null : request.Council.Trim().ToUpperInvariant(),
            Profile = request.Profile is { } p ? new CouncilProfileRequest
            {
                GovernanceType = Fold(p.GovernanceType),
                Nation = p.Nation is null ? null : RecommendationRequestValidator.Nations.First(n => n.Equals(p.Nation.Trim(), StringComparison.OrdinalIgnoreCase)),
                Region = p.Region?.Trim(),
                Population = p.Population,
                RuralUrban = Fold(p.RuralUrban),
                DeprivationDecile = p.DeprivationDecile,
            } : null,
            Priorities = priorities,
            MaxCostBand = request.Constraints?.MaxCostBand,
            MinEvidenceLevel = request.Constraints?.MinEvidenceLevel,
            Capacity = Fold(request.Constraints?.Capacity),
            Audience = Fold(request.Audience),
            Limit = request.Limit ?? RecommendationRequestValidator.DefaultLimit,
            Offset = request.Offset ?? 0,
            Weights = request.Weights,
            Diversity = request.Diversity ?? RecommendationRequestValidator.DefaultDiversity,
        };
    }

    /// <summary>Back to the API's shape: <see cref="From"/> of the result gives this request again (same <see cref="CacheKey"/>).</summary>
    public RecommendationRequest ToRequest() => new()
    {
        Challenge = Challenge,
        Council = Council,
        Profile = Profile,
        Priorities = Priorities.Count == 0 ? null : [.. Priorities.Select(p => new PriorityRequest(p.Key, p.Value))],
        Constraints = MaxCostBand is null && MinEvidenceLevel is null && Capacity is null
            ? null
            : new ConstraintsRequest { MaxCostBand = MaxCostBand, MinEvidenceLevel = MinEvidenceLevel, Capacity = Capacity },
        Audience = Audience,
        Limit = Limit,
        Offset = Offset,
        Weights = Weights,
        Diversity = Diversity,
    };

    private static string? Fold(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    /// <summary>A SHA-256 over a fixed-order rendering of every normalised field (hex, 32 chars).</summary>
    public string CacheKey
    {
        get
        {
            static string N(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
            var canonical = new StringBuilder()
                .Append("c=").Append(Challenge).Append('\n')
                .Append("council=").Append(Council).Append('\n')
                .Append("profile=").Append(Profile?.GovernanceType).Append('|').Append(Profile?.Nation).Append('|').Append(Profile?.Region)
                .Append('|').Append(Profile?.Population).Append('|').Append(Profile?.RuralUrban).Append('|').Append(Profile?.DeprivationDecile).Append('\n')
                .Append("p=").Append(string.Join(',', Priorities.Select(p => $"{p.Key}:{N(p.Value)}"))).Append('\n')
                .Append("k=").Append(MaxCostBand).Append('|').Append(MinEvidenceLevel).Append('|').Append(Capacity).Append('\n')
                .Append("a=").Append(Audience).Append('\n')
                .Append("w=").Append(N(Weights?.Text)).Append('|').Append(N(Weights?.Context)).Append('|').Append(N(Weights?.Evidence))
                .Append('|').Append(N(Weights?.Cost)).Append('|').Append(N(Weights?.Priority)).Append('\n')
                .Append("d=").Append(N(Diversity)).Append('\n')
                .Append("page=").Append(Offset).Append('+').Append(Limit)
                .ToString();
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
            return Convert.ToHexStringLower(hash.AsSpan(0, 16));
        }
    }
}
