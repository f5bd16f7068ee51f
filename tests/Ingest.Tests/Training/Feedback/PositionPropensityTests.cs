using Recommend.Ingest.Training.Feedback;

namespace Recommend.Ingest.Tests.Training.Feedback;

public sealed class PositionPropensityTests
{
    /// <summary>
    /// A log made by readers who examine position k with probability 1/k and, when they examine,
    /// answer with probability 0.6 whatever the position: the estimate recovers 1/k (clipped at the floor).
    /// </summary>
    [Fact]
    public void TheAnyResponseEstimateRecoversTheExaminationProbabilityByPosition()
    {
        var random = new Random(7);
        var log = new LoggedEvents();
        const int results = 6;
        var answers = 0;
        for (var request = 0; request < 20_000; request++)
        {
            var any = false;
            for (var k = 1; k <= results; k++)
            {
                if (random.NextDouble() < 1.0 / k && random.NextDouble() < 0.6)
                {
                    log.Add($"r{request}", $"p{k}", random.NextDouble() < 0.5 ? "useful" : "not_relevant", rank: k, client: $"c{request}");
                    any = true;
                }
            }

            answers += any ? 1 : 0;
        }

        var propensity = PositionPropensity.Estimate(log.All, _ => (results, 0));

        Assert.True(answers > 10_000);
        for (var k = 1; k <= results; k++)
        {
            var expected = Math.Max(1.0 / k, PositionPropensity.MinPropensity);
            Assert.InRange(propensity.ByPosition[k - 1], expected - 0.03, expected + 0.03);
        }
    }

    [Fact]
    public void WithTooFewSignalsAtTheTopThereIsNoCorrection()
    {
        var log = new LoggedEvents();
        log.Add("r1", "p1", "useful", rank: 1);
        log.Add("r1", "p2", "useful", rank: 2);

        var propensity = PositionPropensity.Estimate(log.All, _ => (5, 0));

        Assert.All(propensity.ByPosition, p => Assert.Equal(1, p));
        Assert.Equal(1, propensity.Related);
    }

    [Fact]
    public void PropensitiesNeverFallBelowTheClipOrRiseDownTheList()
    {
        var log = new LoggedEvents();
        for (var request = 0; request < 200; request++)
        {
            log.Add($"r{request}", "top", "useful", rank: 1);
            if (request % 50 == 0)
            {
                log.Add($"r{request}", "low", "useful", rank: 8);
            }

            if (request % 10 == 0)
            {
                log.Add($"r{request}", "lower", "useful", rank: 9);
            }
        }

        var propensity = PositionPropensity.Estimate(log.All, _ => (10, 0));

        Assert.All(propensity.ByPosition, p => Assert.InRange(p, PositionPropensity.MinPropensity, 1));
        for (var k = 1; k < PositionPropensity.MaxPosition; k++)
        {
            Assert.True(propensity.ByPosition[k] <= propensity.ByPosition[k - 1]);
        }
    }
}
