using System.ComponentModel.DataAnnotations;

namespace Recommend.Gateway.Feedback;

/// <summary>Configuration section "Feedback": how much feedback one client (by IP address) may send.</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Feedback posts allowed per client in each <see cref="Window"/>; more answer 429.</summary>
    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
