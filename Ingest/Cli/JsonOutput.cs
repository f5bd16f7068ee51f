using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Recommend.Ingest.Cli;

/// <summary>Writes a command's --out file: indented, non-ASCII kept readable, and a clear message instead of a stack trace when it cannot; and the one-line JSON summaries commands end with.</summary>
public static class JsonOutput
{
    /// <summary>One JSON object on one line, for scripts reading a command's last line of output.</summary>
    public static string Line(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps settings such as "title + text" readable; the line is for scripts and people.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static async Task<bool> TryWriteAsync<T>(string path, T value, JsonTypeInfo<T> typeInfo, string command, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            await using var stream = File.Create(path);
            // The files are read by people and diffed in git, never embedded in HTML: relaxed escaping keeps "Zürich" as written.
            await using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                JsonSerializer.Serialize(writer, value, typeInfo);
            }

            await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{command}: cannot write '{path}': {ex.Message}");
            return false;
        }
    }
}
