output "repository_url" {
  description = "Where the pipeline pushes images."
  value       = aws_ecr_repository.service.repository_url
}

output "push_role_arn" {
  description = "The role the build job assumes through OIDC to push images."
  value       = aws_iam_role.push.arn
}

output "deploy_role_arn" {
  description = "The role the deploy job (environment production) assumes through OIDC."
  value       = aws_iam_role.deploy.arn
}
