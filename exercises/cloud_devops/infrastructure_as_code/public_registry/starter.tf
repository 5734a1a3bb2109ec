# The orders service's container registry, added next to deploy-lab's by copying an old module.
resource "aws_ecr_repository" "orders" {
  name                 = "orders"
  image_tag_mutability = "MUTABLE"
}

# The release job in the build account pulls images to promote them.
resource "aws_ecr_repository_policy" "orders" {
  repository = aws_ecr_repository.orders.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PullForPromotion"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}
