using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Learned;
using Recommend.TestSupport.Data;

namespace Recommend.Ingest.Tests.Models;

/// <summary>A practice submitted after a retrained model was published keeps that model in the new version.</summary>
public sealed class IncrementalModelVersionTests
{
    [Fact]
    public void AnUpsertIntoARetrainedVersionKeepsItsRerankerCardAndModelSuffix()
    {
        var seed = SeedData.Practices;
        var plain = new PracticeIndexBuilder().Build(seed, PracticeIndex.ComputeVersion(seed));
        var rows = Enumerable.Range(0, 40).Select(i => new TrainingRow(i % 4, (uint)(i / 10), [.. Enumerable.Range(0, RankingFeatures.Count).Select(f => (float)((i * (f + 1)) % 7))])).ToList();
        var card = new ModelCard { CreatedAt = DateTimeOffset.UnixEpoch, Command = "retrain", TextSettings = TextTuning.Describe(), HasReranker = true };
        var retrained = plain.WithModel(plain.Version + "-mabc123", LearnedReranker.Train(rows).WithBlend(0.1), FeedbackMemory.Empty, card);

        var next = retrained.WithUpserts([SeedData.NewPractice("tool-library", "Tool library")]);

        Assert.Equal(PracticeIndex.ComputeVersion(next.Practices) + "-mabc123", next.Version);
        Assert.NotNull(next.Reranker);
        Assert.Equal(0.1, next.Reranker.Blend);
        Assert.Same(card, next.Card);
        Assert.Equal(PracticeIndex.ComputeVersion(next.Practices), plain.WithUpserts([SeedData.NewPractice("tool-library", "Tool library")]).Version);
    }
}
