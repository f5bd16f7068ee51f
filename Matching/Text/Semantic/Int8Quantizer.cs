using Google.Protobuf;
using Onnx;

namespace Recommend.Matching.Text.Semantic;

/// <summary>
/// Rewrites an ONNX graph so its dense layers run in 8-bit integers: every MatMul whose weights are a
/// constant matrix becomes ONNX Runtime's DynamicQuantizeMatMul, with the weights stored as int8 and
/// one scale per output column (symmetric, so no zero point is needed), and the activations quantised
/// on the fly. This is ONNX Runtime's own "dynamic quantisation" done at load time from the packaged
/// model, so nothing is downloaded or checked in. In all-MiniLM-L6-v2 that is 36 of 48 MatMuls (the
/// query, key, value, output and both feed-forward projections of each of the six layers): the
/// attention products of activations stay in float, as do embeddings, layer norms and softmax.
/// </summary>
public static class Int8Quantizer
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>The quantised graph and how many MatMuls it rewrote.</summary>
    public static (byte[] Model, int Quantised) Quantize(byte[] onnx)
    {
        var model = ModelProto.Parser.ParseFrom(onnx);
        var graph = model.Graph;
        var weights = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        var quantised = 0;

        for (var n = 0; n < graph.Node.Count; n++)
        {
            var node = graph.Node[n];
            if (node.OpType != "MatMul" || node.Domain is { Length: > 0 } || node.Input.Count != 2
                || !weights.TryGetValue(node.Input[1], out var weight) || !IsFloatMatrix(weight))
            {
                continue;
            }

            var name = weight.Name;
            if (replaced.Add(name))
            {
                var (values, scales) = QuantizeColumns(FloatsOf(weight), (int)weight.Dims[0], (int)weight.Dims[1]);
                graph.Initializer.Add(Int8Tensor(name + "_int8", weight.Dims, values));
                graph.Initializer.Add(FloatTensor(name + "_scale", [weight.Dims[1]], scales));
            }

            var rewritten = new NodeProto
            {
                Name = node.Name + "_int8",
                OpType = "DynamicQuantizeMatMul",
                Domain = MicrosoftDomain,
            };
            rewritten.Input.Add(node.Input[0]);
            rewritten.Input.Add(name + "_int8");
            rewritten.Input.Add(name + "_scale");
            rewritten.Output.Add(node.Output);
            graph.Node[n] = rewritten;
            quantised++;
        }

        // The float matrices are dropped unless something else still reads them.
        var stillRead = graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        foreach (var name in replaced.Where(r => !stillRead.Contains(r)))
        {
            graph.Initializer.Remove(weights[name]);
        }

        if (quantised > 0 && !model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return (model.ToByteArray(), quantised);
    }

    /// <summary>Per output column: scale = largest |w| / 127, value = round(w / scale), so each column uses the whole int8 range.</summary>
    public static (sbyte[] Values, float[] Scales) QuantizeColumns(float[] matrix, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(matrix.Length, rows * columns, nameof(matrix));
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(matrix[(r * columns) + c]));
            }
        }

        for (var c = 0; c < columns; c++)
        {
            // An all-zero column keeps scale 1, so it dequantises to zeros instead of dividing by zero.
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        }

        var values = new sbyte[matrix.Length];
        for (var i = 0; i < matrix.Length; i++)
        {
            values[i] = (sbyte)Math.Clamp(MathF.Round(matrix[i] / scales[i % columns], MidpointRounding.ToEven), -127, 127);
        }

        return (values, scales);
    }

    private static bool IsFloatMatrix(TensorProto tensor) =>
        tensor.DataType == (int)TensorProto.Types.DataType.Float && tensor.Dims.Count == 2 && tensor.DataLocation != TensorProto.Types.DataLocation.External;

    private static float[] FloatsOf(TensorProto tensor)
    {
        if (tensor.FloatData.Count > 0)
        {
            return [.. tensor.FloatData];
        }

        // Raw data is little-endian, as is every machine .NET runs this on.
        var floats = new float[tensor.RawData.Length / sizeof(float)];
        Buffer.BlockCopy(tensor.RawData.ToByteArray(), 0, floats, 0, floats.Length * sizeof(float));
        return floats;
    }

    private static TensorProto Int8Tensor(string name, IEnumerable<long> dims, sbyte[] values)
    {
        var bytes = new byte[values.Length];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.Add(dims);
        return tensor;
    }

    private static TensorProto FloatTensor(string name, IEnumerable<long> dims, float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
