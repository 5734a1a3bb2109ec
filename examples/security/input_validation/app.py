"""A FastAPI service that validates at the boundary: bodies through pydantic, uploads through `check_upload`."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, File, HTTPException, UploadFile

from examples.security.input_validation.files import MAX_UPLOAD_BYTES, check_upload
from examples.security.input_validation.schemas import SignupRequest


# --8<-- [start:app]
def create_app() -> FastAPI:
    app = FastAPI()

    @app.post("/signup", status_code=201)
    def signup(body: SignupRequest) -> dict[str, str]:
        # FastAPI has already rejected anything that does not fit SignupRequest with a 422.
        return {"username": body.username}

    @app.post("/avatar", status_code=201)
    async def avatar(file: Annotated[UploadFile, File()]) -> dict[str, str]:
        content = await file.read(MAX_UPLOAD_BYTES + 1)  # never read an unbounded body into memory
        try:
            accepted = check_upload(file.filename or "", content)
        except ValueError as error:
            raise HTTPException(status_code=415, detail=str(error)) from None
        return {"stored_as": accepted.storage_name, "type": accepted.media_type}

    return app


# --8<-- [end:app]
