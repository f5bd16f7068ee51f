using Recommend.Matching.Ranking.Learned;

namespace Recommend.Matching.Tests.Ranking.Learned;

public sealed class FeedbackMemoryTests
{
    private static readonly float[] Loneliness = Unit(1, 0, 0);
    private static readonly float[] Isolation = Unit(0.9f, 0.436f, 0);
    private static readonly float[] Potholes = Unit(0, 0, 1);

    private static FeedbackMemory Memory(FeedbackUse use) => new(
        [Loneliness, Potholes],
        [FeedbackMemory.KeyOf("Loneliness among older residents"), FeedbackMemory.KeyOf("potholes")],
        new Dictionary<string, FeedbackEntry[]>
        {
            ["befriending"] = [new FeedbackEntry(0, "ISL", 2, 0), new FeedbackEntry(1, "KEN", 0, 1)],
        },
        use);

    [Fact]
    public void ASimilarQuestionBorrowsTheEvidenceAndAnUnrelatedOneDoesNot()
    {
        var memory = Memory(new FeedbackUse(0.6, 1, 3, 0.15));

        var similar = memory.For(Isolation).Of("befriending");
        var unrelated = memory.For(Unit(0, 1, 0)).Of("befriending");

        Assert.InRange(similar.Useful, 0.1, 2);
        Assert.Equal(0, similar.NotRelevant);
        Assert.Equal(0, unrelated.Useful);
        Assert.Equal(1, unrelated.Overall);
    }

    [Theory]
    [InlineData(1, 1.5)]
    [InlineData(0.5, 1.732)]
    [InlineData(0, 2)]
    public void TheRampSaysHowMuchASimilarQuestionLendsButNeverMoreThanItsOwnEvidence(double ramp, double lent)
    {
        // Isolation is at cosine 0.9 to loneliness: three quarters of the way from the similarity 0.6 to identical.
        var memory = Memory(new FeedbackUse(0.6, 1, 3, 0.15, ramp));

        var similar = memory.For(Isolation).Of("befriending");
        var unrelated = memory.For(Unit(0.5f, 0.866f, 0)).Of("befriending");
        var own = memory.For(Loneliness).Of("befriending");

        Assert.Equal(lent, similar.Useful, 3);
        Assert.Equal(0, unrelated.Useful);
        Assert.Equal(2, own.Useful, 5);
    }

    [Fact]
    public void AQuestionWhoseAnswerOverlapsLendsAlthoughItsWordingIsFarAndNeverMoreThanItsOwnEvidence()
    {
        // Two wordings of one need that MiniLM puts far apart (cosine 0.5, below the similarity) but
        // whose best text matches are largely the same practices.
        string[] lonelinessAnswer = ["befriending", "men-sheds", "social-prescribing", "lunch-clubs", "good-neighbours"];
        var memory = AnsweredMemory(new FeedbackUse(0.6, 1, 3, 0.15, Ramp: 0, Overlap: 0.3), lonelinessAnswer);
        var farWording = Unit(0.5f, 0.866f, 0);

        var overlapping = memory.For(farWording, answer: ["befriending", "men-sheds", "social-prescribing", "lunch-clubs", "digital-inclusion"]).Of("befriending");
        var different = memory.For(farWording, answer: ["befriending", "pothole-reporting", "gritting", "street-lighting", "bus-lanes"]).Of("befriending");
        var byWordingOnly = memory.With(memory.Use with { Overlap = 1 }).For(farWording, answer: lonelinessAnswer).Of("befriending");
        var leftOut = memory.For(farWording, FeedbackMemory.KeyOf("Loneliness among older residents"), lonelinessAnswer).Of("befriending");

        Assert.Equal(2, overlapping.Useful, 5);
        Assert.Equal(0, different.Useful);
        Assert.Equal(0, byWordingOnly.Useful);
        Assert.Equal(0, leftOut.Useful);
        Assert.Equal(2, memory.For(farWording, answer: [.. lonelinessAnswer, "more", "and", "more"]).Of("befriending").Useful, 5);
    }

    [Fact]
    public void RememberedAnswersReadBackAndAMemoryWithoutThemLendsByWordingAlone()
    {
        string[] answer = ["befriending", "men-sheds"];
        var memory = AnsweredMemory(new FeedbackUse(0.6, 1, 3, 0.15, Ramp: 0, Overlap: 0.3), answer);
        var withoutAnswers = Memory(new FeedbackUse(0.6, 1, 3, 0.15, Ramp: 0, Overlap: 0.3));
        var farWording = Unit(0.5f, 0.866f, 0);

        var read = FeedbackMemory.Deserialise(memory.Serialise());

        Assert.Equal(2, read.For(farWording, answer: answer).Of("befriending").Useful, 5);
        Assert.Equal(0, withoutAnswers.For(farWording, answer: answer).Of("befriending").Useful);
        Assert.Equal(0, FeedbackMemory.Deserialise(withoutAnswers.Serialise()).For(farWording, answer: answer).Of("befriending").Useful);
        Assert.Throws<ArgumentException>(() => new FeedbackMemory([Loneliness], ["k"], new Dictionary<string, FeedbackEntry[]>(), FeedbackUse.None, [answer, answer]));
    }

    [Fact]
    public void AVersionStoredBeforeTheRampAndAnswersReadsItsMemoryLinearlyAndByWordingAlone()
    {
        var stored = FeedbackMemory.Deserialise(Memory(new FeedbackUse(0.6, 1, 3, 0.15, Ramp: 0)).Serialise());
        var json = System.Text.Encoding.UTF8.GetString(Memory(new FeedbackUse(0.6, 1, 3, 0.15)).Serialise()).Replace(",\"ramp\":1", "", StringComparison.Ordinal).Replace(",\"overlap\":1", "", StringComparison.Ordinal).Replace(",\"answers\":null", "", StringComparison.Ordinal);

        var old = FeedbackMemory.Deserialise(System.Text.Encoding.UTF8.GetBytes(json));

        Assert.DoesNotContain("ramp", json, StringComparison.Ordinal);
        Assert.DoesNotContain("overlap", json, StringComparison.Ordinal);
        Assert.DoesNotContain("answers", json, StringComparison.Ordinal);
        Assert.Equal(1, old.Use.Ramp);
        Assert.Equal(1, old.Use.Overlap);
        Assert.Equal(1.5, old.For(Isolation).Of("befriending").Useful, 3);
        Assert.Equal(0, stored.Use.Ramp);
    }

    [Fact]
    public void LeavingAQuestionOutIgnoresItsOwnFeedback()
    {
        var memory = Memory(new FeedbackUse(0.6, 1, 3, 0.15));

        var own = memory.For(Loneliness).Of("befriending");
        var without = memory.For(Loneliness, FeedbackMemory.KeyOf("  LONELINESS among older   residents")).Of("befriending");

        Assert.Equal(2, own.Useful, 5);
        Assert.Equal(0, without.Useful);
    }

    [Fact]
    public void OnlyTheAskingCouncilAndCouncilsLikeItCountAsNear()
    {
        var memory = Memory(new FeedbackUse(0.6, 1, 3, 0.15));

        var near = memory.For(Loneliness).Of("befriending", code => code == "ISL");
        var far = memory.For(Loneliness).Of("befriending", code => code == "CON");

        Assert.Equal(2, near.NearCouncils, 5);
        Assert.Equal(0, far.NearCouncils);
    }

    [Fact]
    public void FeedbackMovesTheFloorsChanceWithinItsBoundsAndNeverLiftsAnImplausiblePractice()
    {
        var use = new FeedbackUse(0.6, FloorShift: 2, MaxShift: 3, MinChance: 0.15);

        var lifted = use.Adjust(0.3, 100);
        var pushed = use.Adjust(0.7, -100);

        Assert.Equal(Logistic(Logit(0.3) + 3), lifted, 9);
        Assert.Equal(Logistic(Logit(0.7) - 3), pushed, 9);
        Assert.Equal(0.1, use.Adjust(0.1, 100));
        Assert.True(use.Adjust(0.1, -1) < 0.1);
        Assert.Equal(0.3, FeedbackUse.None.Adjust(0.3, 100));
    }

    [Fact]
    public void AStoredMemoryReadsBackTheSame()
    {
        var memory = Memory(new FeedbackUse(0.7, 0.5, 3, 0.15));

        var read = FeedbackMemory.Deserialise(memory.Serialise());

        Assert.Equal(memory.Use, read.Use);
        Assert.Equal(memory.For(Isolation).Of("befriending"), read.For(Isolation).Of("befriending"));
        Assert.Throws<InvalidDataException>(() => FeedbackMemory.Deserialise("{\"use\":{\"similarity\":0.6,\"floor_shift\":0,\"max_shift\":0,\"min_chance\":1},\"keys\":[],\"vectors\":[],\"entries\":{\"x\":[{\"question\":3,\"council\":null,\"useful\":1,\"not_relevant\":0}]}}"u8.ToArray()));
    }

    private static FeedbackMemory AnsweredMemory(FeedbackUse use, string[] lonelinessAnswer) => new(
        [Loneliness, Potholes],
        [FeedbackMemory.KeyOf("Loneliness among older residents"), FeedbackMemory.KeyOf("potholes")],
        new Dictionary<string, FeedbackEntry[]>
        {
            ["befriending"] = [new FeedbackEntry(0, "ISL", 2, 0), new FeedbackEntry(1, "KEN", 0, 1)],
        },
        use,
        [lonelinessAnswer, ["pothole-reporting", "gritting", "street-lighting"]]);

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Logistic(double z) => 1 / (1 + Math.Exp(-z));

    private static float[] Unit(float x, float y, float z)
    {
        var length = MathF.Sqrt((x * x) + (y * y) + (z * z));
        return [x / length, y / length, z / length];
    }
}
