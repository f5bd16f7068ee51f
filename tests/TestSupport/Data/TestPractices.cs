using Recommend.Contracts.Practices;

namespace Recommend.TestSupport.Data;

/// <summary>Practices built in code, for tests that need one record they can vary with <c>with</c>.</summary>
public static class TestPractices
{
    /// <summary>A practice every validator rule accepts.</summary>
    public static Practice Valid(string id = "shared-lives") => new()
    {
        Id = id,
        Title = "Shared Lives carers",
        Summary = "Adults who need support live with, or regularly visit, a trained carer's household instead of a care home.",
        Description = string.Join(' ', Enumerable.Repeat("Approved carers share their home and family life with an adult who needs support, matched for interests and temperament.", 3)),
        Source = "Test source",
        SourceUrl = "https://sharedlivesplus.org.uk/",
        PracticeType = "service_model",
        ServiceAreas = ["adult_social_care"],
        Outcomes = ["wellbeing"],
        Evidence = new Evidence { Level = 2, EffectDirection = "positive" },
        Cost = new Cost { Band = 2 },
        Audiences = ["commissioner"],
    };
}
