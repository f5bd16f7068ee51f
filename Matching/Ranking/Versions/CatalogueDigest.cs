using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Submissions;

namespace Recommend.Matching.Ranking.Versions;

/// <summary>
/// What a catalogue's version id is made from: the sum, modulo 2^256, of every practice's content
/// hash (<see cref="ContentHash"/>). A sum does not depend on order and can be updated by the
/// practices that changed (minus the old hash, plus the new), so an incremental version gets the id a
/// full build of the same catalogue gets without re-reading 100k practices, and the same catalogue
/// always has the same id however it was reached. Stored in each version's meta as hex.
/// </summary>
public readonly record struct CatalogueDigest(BigInteger Sum)
{
    private static readonly BigInteger Modulus = BigInteger.One << 256;

    public static CatalogueDigest Empty => new(BigInteger.Zero);

    public static CatalogueDigest Of(IEnumerable<Practice> practices) =>
        practices.Aggregate(Empty, (digest, practice) => digest.Plus(ContentHash.Of(practice)));

    /// <summary>Reads <see cref="ToString"/>'s hex; an <see cref="InvalidDataException"/> for anything else.</summary>
    public static CatalogueDigest Parse(string hex)
    {
        try
        {
            return new CatalogueDigest(new BigInteger(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true));
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"'{hex}' is not a catalogue digest.", ex);
        }
    }

    /// <summary>With one practice more (its <see cref="ContentHash"/>, hex).</summary>
    public CatalogueDigest Plus(string contentHash) => new((Sum + Hash(contentHash)) % Modulus);

    /// <summary>With one practice fewer (its <see cref="ContentHash"/>, hex).</summary>
    public CatalogueDigest Minus(string contentHash) => new(((Sum - Hash(contentHash)) % Modulus + Modulus) % Modulus);

    /// <summary>The version id of a catalogue with this digest under this build's format and text settings.</summary>
    public string ToVersion()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"format={PracticeIndex.FormatVersion};model=all-MiniLM-L6-v2;{TextTuning.Describe()}\n"));
        hash.AppendData(Encoding.ASCII.GetBytes(ToString()));
        return "v" + Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 6));
    }

    public override string ToString() => Convert.ToHexStringLower(Sum.ToByteArray(isUnsigned: true, isBigEndian: true));

    private static BigInteger Hash(string contentHash) => new(Convert.FromHexString(contentHash), isUnsigned: true, isBigEndian: true);
}
