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
    public async Task A_photo_is_saved_as_400_800_and_1200_pixel_webp_under_a_version_of_its_own(SKEncodedImageFormat format)
    {
        var productId = Guid.NewGuid();
        var refusal = await ProductImageUpload.SaveAsync(new MemoryStream(Picture(1600, 1200, format)), productId, _data, CancellationToken.None);

        Assert.Null(refusal);
        var directory = Current(productId);
        AssertWebP(Path.Combine(directory, "thumb.webp"), 400, 300);
        AssertWebP(Path.Combine(directory, "medium.webp"), 800, 600);
        AssertWebP(Path.Combine(directory, "large.webp"), 1200, 900);
        Assert.Equal(["large.webp", "medium.webp", "thumb.webp"], Directory.GetFiles(directory).Select(Path.GetFileName).Order());
        Assert.Matches("^[0-9a-f]{16}$", Path.GetFileName(directory));
    }

    [Theory]
    [InlineData(3000, 1000, 400, 133)]
    [InlineData(1000, 3000, 400, 1200)]
    [InlineData(1601, 999, 400, 250)]
    public async Task Resizing_keeps_the_pictures_shape(int width, int height, int thumbWidth, int thumbHeight)
    {
        var productId = Guid.NewGuid();
        Assert.Null(await ProductImageUpload.SaveAsync(new MemoryStream(Picture(width, height, SKEncodedImageFormat.Png)), productId, _data, CancellationToken.None));

        AssertWebP(Path.Combine(Current(productId), "thumb.webp"), thumbWidth, thumbHeight);
        var large = Math.Min(1200, width);
        AssertWebP(Path.Combine(Current(productId), "large.webp"), large, (int)Math.Round((double)height * large / width));
    }

    [Fact]
    public void A_fine_pattern_shrunk_six_times_becomes_an_even_grey_rather_than_moire()
    {
        // One-pixel black and white stripes: a filter that looks at too few source pixels makes bands of black and white.
        using var stripes = new SKBitmap(2400, 2400);
        for (var y = 0; y < 2400; y++)
        {
            for (var x = 0; x < 2400; x++)
            {
                stripes.SetPixel(x, y, x % 2 == 0 ? SKColors.Black : SKColors.White);
            }
        }
        using var encoded = SKImage.FromBitmap(stripes).Encode(SKEncodedImageFormat.Png, 100);

        var thumb = ProductImageUpload.Resize(encoded.ToArray())!.Single(s => s.Name == "thumb").WebP;

        using var result = SKBitmap.Decode(thumb);
        Assert.Equal((400, 400), (result.Width, result.Height));
        var greys = Enumerable.Range(10, 380).Select(x => (int)result.GetPixel(x, 200).Red).ToList();
        Assert.True(greys.Max() - greys.Min() < 40, $"from {greys.Min()} to {greys.Max()} across one row");
        Assert.InRange(greys.Average(), 100, 160);
    }

    [Fact]
    public async Task A_small_picture_is_not_enlarged()
    {
        var productId = Guid.NewGuid();
        Assert.Null(await ProductImageUpload.SaveAsync(new MemoryStream(Picture(300, 200, SKEncodedImageFormat.Png)), productId, _data, CancellationToken.None));
        var directory = Current(productId);
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
    public async Task A_second_upload_becomes_a_new_version_and_replaces_the_first()
    {
        var productId = Guid.NewGuid();
        await ProductImageUpload.SaveAsync(new MemoryStream(Picture(800, 800, SKEncodedImageFormat.Png)), productId, _data, CancellationToken.None);
        var first = Current(productId);
        await ProductImageUpload.SaveAsync(new MemoryStream(Picture(800, 400, SKEncodedImageFormat.Jpeg)), productId, _data, CancellationToken.None);
        var second = Current(productId);

        Assert.NotEqual(first, second);
        AssertWebP(Path.Combine(second, "thumb.webp"), 400, 200);
        var directory = ProductImageUpload.DirectoryOf(_data, productId);
        Assert.Equal([second], Directory.GetDirectories(directory)); // the old version is gone: its address redirects
        Assert.Equal([ProductImageUpload.CurrentFile], Directory.GetFiles(directory).Select(Path.GetFileName)); // no temporary files left behind
        Assert.Equal(3, Directory.GetFiles(second).Length);
    }

    /// <summary>The folder of the product's current picture, as its <c>current</c> file names it.</summary>
    private string Current(Guid productId)
    {
        var directory = ProductImageUpload.DirectoryOf(_data, productId);
        return Path.Combine(directory, File.ReadAllText(Path.Combine(directory, ProductImageUpload.CurrentFile)).Trim());
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
