using System.Security.Cryptography;
using System.Text;
using Recommend.Contracts.Practices;

namespace Recommend.Contracts.Submissions;

/// <summary>The SHA-256 of a practice's canonical JSON: equal hashes mean nothing changed.</summary>
public static class ContentHash
{
    public static string Of(Practice practice) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PracticeJson.Serialise(practice))));
}
