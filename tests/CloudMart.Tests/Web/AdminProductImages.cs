using CloudMart.Platform.Persistence;
using CloudMart.Web.Media;
using SkiaSharp;

namespace CloudMart.Tests.Web;

public sealed class AdminProductImages : IDisposable
{
    private readonly DataDirectory _data = new(Path.Combine(Path.GetTempPath(), "cloudmart-images", Guid.NewGuid().ToString("N")));

    public void Dispose()
    {
        if (Directory.Exists(_data.Path))
        {
            Directory.Delete(_data.Path, recursive: true);
        }
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public async Task A_photo_is_saved_as_a_400_pixel_thumbnail_and_a_1200_pixel_large_webp(SKEncodedImageFormat format)
    {
        var productId = Guid.NewGuid();
        var refusal = await ProductImageUpload.SaveAsync(new MemoryStream(Picture(1600, 1200, format)), productId, _data, CancellationToken.None);

        Assert.Null(refusal);
        var directory = Path.Combine(_data.Path, "images", "products", productId.ToString("N"));
        AssertWebP(Path.Combine(directory, "thumb.webp"), 400, 300);
        AssertWebP(Path.Combine(directory, "large.webp"), 1200, 900);
        Assert.Equal(["large.webp", "thumb.webp"], Directory.GetFiles(directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_small_picture_is_not_enlarged()
    {
        var productId = Guid.NewGuid();
        Assert.Null(await ProductImageUpload.SaveAsync(new MemoryStream(Picture(300, 200, SKEncodedImageFormat.Png)), productId, _data, CancellationToken.None));
        var directory = ProductImageUpload.DirectoryOf(_data, productId);
        AssertWebP(Path.Combine(directory, "thumb.webp"), 300, 200);
        AssertWebP(Path.Combine(directory, "large.webp"), 300, 200);
    }

    [Fact]
    public async Task A_text_file_named_like_a_photo_is_refused_and_nothing_is_written()
    {
        var productId = Guid.NewGuid();
        var refusal = await ProductImageUpload.SaveAsync(new MemoryStream("this is not a picture.jpg"u8.ToArray()), productId, _data, CancellationToken.None);
        Assert.Equal(ImageRefusal.NotAnImage, refusal);
        Assert.False(Directory.Exists(ProductImageUpload.DirectoryOf(_data, productId)));
    }

    [Fact]
    public async Task A_file_over_five_megabytes_is_refused_without_reading_it_all()
    {
        var productId = Guid.NewGuid();
        var big = new byte[ProductImageUpload.MaxBytes + 1];
        Picture(100, 100, SKEncodedImageFormat.Png).CopyTo(big, 0);
        var refusal = await ProductImageUpload.SaveAsync(new MemoryStream(big), productId, _data, CancellationToken.None);
        Assert.Equal(ImageRefusal.TooLarge, refusal);
        Assert.False(Directory.Exists(ProductImageUpload.DirectoryOf(_data, productId)));
    }

    [Fact]
    public async Task A_file_with_an_image_signature_but_a_broken_body_is_refused()
    {
        var broken = Picture(200, 200, SKEncodedImageFormat.Png)[..40];
        Assert.Equal(ImageRefusal.Unreadable, await ProductImageUpload.SaveAsync(new MemoryStream(broken), Guid.NewGuid(), _data, CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_upload_is_refused()
    {
        Assert.Equal(ImageRefusal.Missing, await ProductImageUpload.SaveAsync(new MemoryStream(), Guid.NewGuid(), _data, CancellationToken.None));
    }

    [Fact]
    public void The_type_is_told_by_the_first_bytes()
    {
        Assert.Equal("image/jpeg", ProductImageUpload.Sniff(Picture(10, 10, SKEncodedImageFormat.Jpeg)));
        Assert.Equal("image/png", ProductImageUpload.Sniff(Picture(10, 10, SKEncodedImageFormat.Png)));
        Assert.Equal("image/webp", ProductImageUpload.Sniff(Picture(10, 10, SKEncodedImageFormat.Webp)));
        Assert.Null(ProductImageUpload.Sniff("GIF89a......"u8));
        Assert.Null(ProductImageUpload.Sniff("<svg xmlns="u8));
    }

    [Fact]
    public async Task A_second_upload_replaces_the_first()
    {
        var productId = Guid.NewGuid();
        await ProductImageUpload.SaveAsync(new MemoryStream(Picture(800, 800, SKEncodedImageFormat.Png)), productId, _data, CancellationToken.None);
        await ProductImageUpload.SaveAsync(new MemoryStream(Picture(800, 400, SKEncodedImageFormat.Jpeg)), productId, _data, CancellationToken.None);
        var directory = ProductImageUpload.DirectoryOf(_data, productId);
        AssertWebP(Path.Combine(directory, "thumb.webp"), 400, 200);
        Assert.Equal(2, Directory.GetFiles(directory).Length); // no temporary files left behind
    }

    /// <summary>A generated picture: a gradient with a circle, encoded in the given format.</summary>
    private static byte[] Picture(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(15, 95, 140));
            using var paint = new SKPaint { Color = new SKColor(194, 65, 12), IsAntialias = true };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    private static void AssertWebP(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("image/webp", ProductImageUpload.Sniff(bytes));
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        Assert.Equal(width, codec.Info.Width);
        Assert.Equal(height, codec.Info.Height);
    }
}
