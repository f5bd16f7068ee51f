namespace Recommend.Ingest.Cli.Eval;

/// <summary>The modes <c>eval --mode</c> accepts, keyed by name; a new ranking side plugs in here.</summary>
public static class EvalModes
{
    private static readonly IEvalMode[] All =
    [
        new LexicalEvalMode(),
        new SemanticEvalMode(),
        new HybridEvalMode(),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToArray();

    public static bool TryGet(string name, out IEvalMode mode)
    {
        mode = All.FirstOrDefault(m => m.Name == name)!;
        return mode is not null;
    }
}
