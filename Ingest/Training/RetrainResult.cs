using Recommend.Matching.Evaluation;

namespace Recommend.Ingest.Training;

/// <summary>What a retraining produced, measured and decided.</summary>
public sealed record RetrainResult
{
    public required string Version { get; init; }

    public required string ComparedWith { get; init; }

    public required EvaluationReport New { get; init; }

    public required EvaluationReport Current { get; init; }

    /// <summary>The refitted text pipeline with the weighted sum and no reranker, for reference.</summary>
    public required EvaluationReport Weighted { get; init; }

    /// <summary>Held-out query id -> service area, for the per-area table.</summary>
    public required IReadOnlyDictionary<string, string> AreaOf { get; init; }

    public required int TrainQueries { get; init; }

    public required int TrainingRows { get; init; }

    public required int Practices { get; init; }

    public required int FeedbackPractices { get; init; }

    /// <summary>What was learned from the feedback log (<see cref="Feedback.FeedbackLearning.None"/> without --feedback).</summary>
    public Feedback.FeedbackLearning Feedback { get; init; } = Training.Feedback.FeedbackLearning.None;

    /// <summary>How the new version reads its feedback, as chosen on the training queries.</summary>
    public Matching.Ranking.Learned.FeedbackUse FeedbackUse { get; init; } = Matching.Ranking.Learned.FeedbackUse.None;

    /// <summary>The held-out queries from the feedback (graded by their own feedback, ranked without it), new and current.</summary>
    public EvaluationReport? FeedbackNew { get; init; }

    public EvaluationReport? FeedbackCurrent { get; init; }

    /// <summary>One-sided p-value that the new model's nDCG@10 on the feedback's held-out queries is lower (1 when there are none).</summary>
    public double FeedbackNdcg10PValue { get; init; } = 1;

    public required bool NotWorse { get; init; }

    /// <summary>One-sided p-value of the paired randomisation test that the new model's nDCG@10 is lower than the current's.</summary>
    public required double Ndcg10PValue { get; init; }

    /// <summary>The same for Recall@100.</summary>
    public required double Recall100PValue { get; init; }

    /// <summary>Stored in Redis as a new version (false without Redis, or when this exact version was already stored).</summary>
    public required bool Stored { get; init; }

    public required bool Published { get; init; }

    public required IReadOnlyList<string> Pruned { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public string? ReportPath { get; init; }
}
