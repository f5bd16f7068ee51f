namespace Recommend.Matching.Evaluation;

/// <summary>One cross-validation fold: what was chosen on the other folds and how it did on this one.</summary>
public sealed record FoldResult(int Fold, int Queries, string Chosen, double TrainNdcg10, double HeldOutNdcg10, double HeldOutRecall100);
