# The invoice worker's permissions. It receives jobs from the "invoices" SQS queue, deletes each message once
# the job is done (or extends its visibility while a long one runs), and writes one PDF per job under
# invoices/ in the acme-documents bucket. Nothing else.
data "aws_iam_policy_document" "invoice_worker" {
  statement {
    sid = "ConsumeTheInvoicesQueue"
    # No SendMessage, PurgeQueue or DeleteQueue: a worker only takes, finishes and extends its own messages.
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"]
    resources = ["arn:aws:sqs:eu-central-1:123456789012:invoices"]
  }
  statement {
    sid = "WriteInvoicePdfs"
    # Write only, and only under invoices/: contracts and other prefixes stay out of reach, and so does delete.
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::acme-documents/invoices/*"]
  }
}

resource "aws_iam_role_policy" "invoice_worker" {
  name   = "invoice-worker"
  role   = "invoice-worker"
  policy = data.aws_iam_policy_document.invoice_worker.json
}
